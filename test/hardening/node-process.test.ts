// @vitest-environment node
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { startServer, type TestServer } from '../fetch/server'

let server: TestServer
beforeEach(async () => {
  server = await startServer()
  server.respond((hit) => {
    hit.response.writeHead(503, { 'Retry-After': '3600' })
    hit.response.end()
  })
})
afterEach(async () => {
  await server.close()
})

it('a Node process whose stream waits out an hour-long Retry-After ends by itself', async () => {
  const script = fileURLToPath(new URL('./fixtures/backoff-script.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', script, `${server.url}/events`], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => {
    const kill = setTimeout(() => child.kill(), 15_000)
    child.on('exit', (exitCode) => {
      clearTimeout(kill)
      resolve(exitCode)
    })
  })
  expect(output).toMatch(/backing off after HTTP 503/)
  expect(code).toBe(0)
  expect(server.hits).toHaveLength(1)
}, 20_000)

// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createDemoServer } from '../../demo/server/app'
import type { ChatServer } from '../../demo/server/chat-server'

let root = ''
let server: Server
let base = ''
const notChat: ChatServer = { handle: (_req, _res, next) => next?.(), sweepPresence: () => {}, close: () => {} }

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'page-'))
  mkdirSync(join(root, 'page', 'assets'), { recursive: true })
  writeFileSync(join(root, 'page', 'index.html'), '<!doctype html><title>wall</title>')
  writeFileSync(join(root, 'page', 'assets', 'app-1234.js'), 'console.log(1)')
  writeFileSync(join(root, 'secret.txt'), 'outside the page folder')
  mkdirSync(join(root, 'elsewhere'))
  writeFileSync(join(root, 'elsewhere', 'key.txt'), 'outside the page folder')
  // Links inside the build folder that lead out of it.
  symlinkSync(join(root, 'secret.txt'), join(root, 'page', 'linked.txt'))
  symlinkSync(join(root, 'elsewhere'), join(root, 'page', 'assets', 'linked-dir'))
  symlinkSync(join(root, 'page', 'index.html'), join(root, 'page', 'home.html')) // and one that stays in
  server = createDemoServer(notChat, join(root, 'page'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(root, { recursive: true, force: true })
})

it('serves the page never cached and its hashed assets cached for good', async () => {
  const page = await fetch(`${base}/`)
  expect(page.status).toBe(200)
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
  expect(page.headers.get('cache-control')).toBe('no-cache')
  const asset = await fetch(`${base}/assets/app-1234.js`)
  expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  expect(asset.headers.get('cache-control')).toContain('immutable')
})

it('serves nothing outside the page folder, however the path is spelt', async () => {
  const paths = ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%2fsecret.txt']
  for (const path of [...paths, '/linked.txt', '/assets/linked-dir/key.txt']) {
    const response = await fetch(`${base}${path}`)
    expect(response.status, path).toBe(404)
    expect(await response.text()).not.toContain('outside the page folder')
  }
  expect((await fetch(`${base}/%E0%A4%A`)).status).toBe(400)
  expect(await (await fetch(`${base}/home.html`)).text()).toContain('wall')
})

it('serves the page with a Content-Security-Policy that allows no inline script and no framing', async () => {
  const page = await fetch(`${base}/`)
  const policy = page.headers.get('content-security-policy') ?? ''
  expect(policy).toContain("script-src 'self'")
  expect(policy).not.toContain('unsafe-inline')
  expect(policy).toContain("frame-ancestors 'none'")
  expect(page.headers.get('x-frame-options')).toBe('DENY')
})

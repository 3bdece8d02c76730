// @vitest-environment node
// The package as a user installs it: `npm pack`, unpacked into a fresh project's node_modules, then
// type-checked under each TypeScript module resolution mode and loaded by Node from CommonJS and ESM.
// No network: its dependencies, react, @types/react and typescript are symlinked from this repository's
// node_modules.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { entries } from '../../tsdown.config'

const run = promisify(execFile)
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
/** `sse-hooks` for the main entry, `sse-hooks/<name>` for the others. */
const specifiers = Object.keys(entries).map((name) => (name === 'index' ? 'sse-hooks' : `sse-hooks/${name}`))

let project = ''

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'sse-hooks-package-'))
  // prepack builds dist/ first, as it does before a publish.
  await run('npm', ['pack', '--pack-destination', project], { cwd: root })
  const [filename = 'missing.tgz'] = (await readdir(project)).filter((name) => name.endsWith('.tgz'))
  const installed = join(project, 'node_modules/sse-hooks')
  await mkdir(installed, { recursive: true })
  await run('tar', ['-xzf', join(project, filename), '-C', installed, '--strip-components=1'])
  const { dependencies = {} } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>
  }
  // What npm would install beside the package: its dependencies and react, plus the compiler.
  for (const dep of [...Object.keys(dependencies), 'react', 'react-dom', '@types/react', 'typescript', 'jest', 'jest-environment-jsdom']) {
    await mkdir(dirname(join(project, 'node_modules', dep)), { recursive: true })
    await symlink(join(root, 'node_modules', dep), join(project, 'node_modules', dep), 'dir')
  }
}, 120_000)

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true })
})

// A module (it has an export), as the README's event map declaration is.
const eventMap = `export {}

declare module 'sse-hooks' {
  interface SSEEventMap {
    ping: { time: string }
  }
}
`

// The README's quick start with the typed event map. Each @ts-expect-error fails the check if the
// line compiles, so a payload that silently became \`any\` (or an event map that was lost) fails it.
const app = `import { SSEProvider, useEventSource, useSSEEvent, SSEClient as ClientFromMain, type SSEStatus } from 'sse-hooks'
import { SSEClient, type SSEEventMap } from 'sse-hooks/core'
import { createMockEventSource } from 'sse-hooks/testing'

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

function Clock() {
  const { data, error } = useSSEEvent('ping')
  const { status, reconnect } = useEventSource()
  const inferred: Equals<typeof data, { time: string } | undefined> = true
  // @ts-expect-error: a ping is { time: string }, it has no \`date\`
  const wrong = data?.date
  // @ts-expect-error: \`pong\` is not in SSEEventMap
  useSSEEvent('pong')
  const shown: SSEStatus = status
  return (
    <p title={shown} onClick={reconnect}>
      {error ? error.message : (data?.time ?? '…')} {String(inferred)} {String(wrong)}
    </p>
  )
}

export function App() {
  return (
    <SSEProvider url="/api/events">
      <Clock />
    </SSEProvider>
  )
}

// The core entry sees the same, augmented SSEEventMap and the same SSEClient class.
const ping: SSEEventMap['ping'] = { time: '12:00' }
// @ts-expect-error: the augmentation applies to sse-hooks/core too
const notPing: SSEEventMap['ping'] = { date: 1 }
const client: ClientFromMain = new SSEClient({ EventSource: createMockEventSource().EventSource })
export const stop = client.subscribe('https://example.test/events', 'ping', (event) => {
  const time: string = event.time
  // @ts-expect-error: the listener's payload is typed too
  const wrongToo: number = event.time
  return [time, wrongToo, ping, notPing]
})
`

const compilerOptions = {
  target: 'ES2022',
  lib: ['ES2022', 'DOM'],
  jsx: 'react-jsx',
  strict: true,
  noEmit: true,
  // Check the package's own declaration files too, not only their use.
  skipLibCheck: false,
  types: [],
}

const modes = {
  node10: { type: 'commonjs', module: 'CommonJS', moduleResolution: 'Node10' },
  'node16 (ESM)': { type: 'module', module: 'Node16', moduleResolution: 'Node16' },
  'node16 (CJS)': { type: 'commonjs', module: 'Node16', moduleResolution: 'Node16' },
  bundler: { type: 'module', module: 'ESNext', moduleResolution: 'Bundler' },
} as const

/** The part of each loading script that uses what it loaded: a mock stream, one event through a client. */
const useTheMock = `const mock = createMockEventSource()
const client = new SSEClient({ EventSource: mock.EventSource })
const received = []
const unsubscribe = client.subscribe('https://example.test/events', 'ping', (ping) => received.push(ping))
mock.latest().emit('ping', { time: '12:00' })
unsubscribe()
client.close('https://example.test/events')
process.stdout.write(JSON.stringify(received))
`

describe('the packed tarball', () => {
  it.each(Object.entries(modes))(
    'type-checks a README example with moduleResolution %s',
    async (mode, { type, ...options }) => {
      const dir = join(project, mode.replace(/\W+/g, '-'))
      await mkdir(dir)
      await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, type }))
      await writeFile(
        join(dir, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { ...compilerOptions, ...options }, files: ['events.ts', 'app.tsx'] }),
      )
      await writeFile(join(dir, 'events.ts'), eventMap)
      await writeFile(join(dir, 'app.tsx'), app)
      const tsc = join(project, 'node_modules/typescript/bin/tsc')
      const result = await run(process.execPath, [tsc, '-p', dir, '--pretty', 'false']).then(
        ({ stdout }) => stdout,
        (error: { stdout?: string }) => error.stdout ?? String(error),
      )
      expect(result).toBe('')
    },
    60_000,
  )

  it('loads every entry with require() from CommonJS, the CommonJS build', async () => {
    const script = `const assert = require('node:assert/strict')
const specifiers = ${JSON.stringify(specifiers)}
for (const specifier of specifiers) {
  assert.match(require.resolve(specifier), /\\.cjs$/, specifier)
  assert.ok(Object.keys(require(specifier)).length > 0, specifier)
}
const { SSEClient, useSSEEvent, useEventSource, SSEProvider } = require('sse-hooks')
const core = require('sse-hooks/core')
const { createMockEventSource } = require('sse-hooks/testing')
for (const hook of [useSSEEvent, useEventSource, SSEProvider]) assert.equal(typeof hook, 'function')
assert.equal(core.SSEClient, SSEClient, 'one SSEClient class for both entries')
${useTheMock}`
    await writeFile(join(project, 'require.cjs'), script)
    const { stdout } = await run(process.execPath, [join(project, 'require.cjs')], { cwd: project })
    expect(JSON.parse(stdout)).toEqual([{ time: '12:00' }])
  })

  it('loads every entry with import() from ESM, the ESM build', async () => {
    const script = `import assert from 'node:assert/strict'
const specifiers = ${JSON.stringify(specifiers)}
for (const specifier of specifiers) {
  assert.match(import.meta.resolve(specifier), /\\.js$/, specifier)
  assert.ok(Object.keys(await import(specifier)).length > 0, specifier)
}
const { SSEClient, useSSEEvent } = await import('sse-hooks')
const core = await import('sse-hooks/core')
const { createMockEventSource } = await import('sse-hooks/testing')
assert.equal(typeof useSSEEvent, 'function')
assert.equal(core.SSEClient, SSEClient, 'one SSEClient class for both entries')
${useTheMock}`
    await writeFile(join(project, 'import.mjs'), script)
    const { stdout } = await run(process.execPath, [join(project, 'import.mjs')], { cwd: project })
    expect(JSON.parse(stdout)).toEqual([{ time: '12:00' }])
  })

  it('require()s sse-hooks/fetch without loading eventsource-parser, which ships ESM only from version 4', async () => {
    const script = `const { fetchTransport, requestEvents } = require('sse-hooks/fetch')
const loaded = Object.keys(require.cache).filter((path) => path.includes('eventsource-parser'))
process.stdout.write(JSON.stringify({ fetchTransport: typeof fetchTransport, requestEvents: typeof requestEvents, loaded }))`
    await writeFile(join(project, 'fetch.cjs'), script)
    const { stdout } = await run(process.execPath, [join(project, 'fetch.cjs')], { cwd: project })
    expect(JSON.parse(stdout)).toEqual({ fetchTransport: 'function', requestEvents: 'function', loaded: [] })
  })

  it("runs in Jest's default CommonJS setup with jsdom: every entry loads, and a fetch stream is parsed", async () => {
    const dir = join(project, 'jest-app')
    await mkdir(dir)
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'jest-app', private: true, jest: { transform: {} } }))
    await writeFile(
      join(dir, 'stream.test.js'),
      `/** @jest-environment jsdom */
// jsdom has no TextEncoder or TextDecoder, which reading a fetch body needs: Node's, as a Jest setup file would.
Object.assign(globalThis, { TextEncoder: require('node:util').TextEncoder, TextDecoder: require('node:util').TextDecoder })
const { SSEClient } = require('sse-hooks')
const { fetchTransport } = require('sse-hooks/fetch')
const { crossTab } = require('sse-hooks/cross-tab')
const { createMockEventSource } = require('sse-hooks/testing')

test('a stream over an injected fetch', async () => {
  expect(typeof crossTab).toBe('function')
  expect(typeof createMockEventSource).toBe('function')
  const text = new TextEncoder().encode('id: 1\\nevent: ping\\ndata: {"n":1}\\n\\n')
  let sent = false
  const fetch = async () => ({
    status: 200,
    headers: { get: (name) => (name.toLowerCase() === 'content-type' ? 'text/event-stream' : null) },
    body: {
      getReader: () => ({
        read: async () => (sent ? new Promise(() => {}) : ((sent = true), { done: false, value: text })),
        cancel: async () => {},
      }),
    },
  })
  const client = new SSEClient({ transport: fetchTransport({ fetch }) })
  const ping = await new Promise((resolve) => client.subscribe('https://example.test/events', 'ping', resolve))
  expect(ping).toEqual({ n: 1 })
  client.close('https://example.test/events')
})
`,
    )
    const jest = join(project, 'node_modules/jest/bin/jest.js')
    const result = await run(process.execPath, [jest, '--rootDir', dir, '--ci'], { cwd: dir }).then(
      ({ stderr }) => stderr,
      (error: { stderr?: string }) => error.stderr ?? String(error),
    )
    expect(result, result).toMatch(/Tests:\s+1 passed, 1 total/)
  }, 60_000)

  it('ships only React code with the client directive, and exports every built entry', async () => {
    const manifest = JSON.parse(await readFile(join(project, 'node_modules/sse-hooks/package.json'), 'utf8')) as {
      exports: Record<string, unknown>
      peerDependencies: Record<string, string>
      peerDependenciesMeta: Record<string, { optional?: boolean }>
    }
    expect(Object.keys(manifest.exports).sort()).toEqual([...specifiers.map((s) => s.replace(/^sse-hooks/, '.')), './package.json'].sort())
    // react-dom only for sse-hooks/devtools (its shadow root is a portal): optional for everyone else.
    expect(Object.keys(manifest.peerDependencies)).toEqual(['react', 'react-dom'])
    expect(manifest.peerDependenciesMeta).toEqual({ 'react-dom': { optional: true } })
    const dist = join(project, 'node_modules/sse-hooks/dist')
    for (const file of ['index.js', 'index.cjs']) {
      expect(await readFile(join(dist, file), 'utf8')).toMatch(/^'use client';\n/)
    }
    // sse-hooks/core, and every file it loads, is free of React and of the directive.
    for (const file of await localGraph(dist, ['core.js', 'core.cjs'])) {
      const code = await readFile(join(dist, file), 'utf8')
      expect(code, file).not.toContain('use client')
      expect(code, file).not.toMatch(/(from |require\()["']react/)
    }
  })
})

/** `files` and every relative module they import or require, transitively. */
async function localGraph(dir: string, files: string[]): Promise<Set<string>> {
  const seen = new Set<string>()
  const pending = [...files]
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue
    seen.add(file)
    const code = await readFile(join(dir, file), 'utf8')
    for (const [, target] of code.matchAll(/(?:from |require\()["']\.\/([^"']+)["']/g)) if (target) pending.push(target)
  }
  return seen
}

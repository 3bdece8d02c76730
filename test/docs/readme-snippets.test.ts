// @vitest-environment node
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { repoRoot } from '../demo/processes'

/** The code block right after `<!-- snippet: name -->` in the README, as a reader sees it. */
function snippet(readme: string, name: string): string {
  const match = new RegExp(`<!-- snippet: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``).exec(readme)
  if (!match?.[1]) throw new Error(`the README has no snippet "${name}"`)
  return `${match[1]}\n`
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    module: 'ESNext',
    moduleResolution: 'Bundler',
    jsx: 'react-jsx',
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  },
}

let project = ''

/** Runs a command in the temporary project; resolves with its output and exit code. */
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  // A vitest inside vitest must not think it is a worker of this one.
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')))
  const result = spawnSync(process.execPath, args, { cwd: project, env: { ...clean, ...env }, encoding: 'utf8' })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'readme-snippets-'))
  // The package as it would be published: built, packed, unpacked where an install puts it.
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'pipe' })
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', project], { cwd: repoRoot, encoding: 'utf8' })
  const installed = join(project, 'node_modules', 'sse-hooks')
  mkdirSync(installed, { recursive: true })
  execFileSync('tar', ['-xzf', join(project, packed.trim().split('\n').at(-1) ?? ''), '-C', installed, '--strip-components=1'])
  // Everything else (react, vitest, Testing Library, TypeScript) from this repository's install.
  for (const name of readdirSync(join(repoRoot, 'node_modules'))) {
    if (name !== 'sse-hooks' && name !== '.bin') symlinkSync(join(repoRoot, 'node_modules', name), join(project, 'node_modules', name))
  }

  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8')
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ type: 'module', private: true }),
    'tsconfig.json': JSON.stringify({ ...TSCONFIG, exclude: ['node', 'node_modules'] }),
    'App.tsx': snippet(readme, 'quick-start'),
    'sse-events.d.ts': snippet(readme, 'event-map'),
    'usage.ts': snippet(readme, 'event-map-usage'),
    'Clock.test.tsx': snippet(readme, 'test-kit'),
    'across-tabs.tsx': snippet(readme, 'across-tabs'),
  }
  // docs/recipes.md's snippets, each beside the test that drives it.
  const recipes = readFileSync(join(repoRoot, 'docs/recipes.md'), 'utf8')
  for (const name of ['tanstack-query', 'swr', 'snapshot']) {
    files[`recipes/${name}.tsx`] = snippet(recipes, `recipe-${name}`)
    files[`recipes/${name}.test.tsx`] = readFileSync(join(repoRoot, `test/docs/recipes/${name}.recipe.tsx`), 'utf8')
  }
  mkdirSync(join(project, 'recipes'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(project, name), text)
  // docs/core.md's Node example, in a folder of its own: it is a Node script, with Node's types.
  mkdirSync(join(project, 'node'))
  writeFileSync(join(project, 'node/events.ts'), snippet(readFileSync(join(repoRoot, 'docs/core.md'), 'utf8'), 'node'))
  writeFileSync(
    join(project, 'node/tsconfig.json'),
    JSON.stringify({ compilerOptions: { ...TSCONFIG.compilerOptions, types: ['node'] }, files: ['events.ts'] }),
  )
}, 180_000)

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true })
})

it("compiles the README's quick start, typed event map, test kit and cross-tab example against the packed package, strictly", () => {
  const { status, output } = run([join(project, 'node_modules/typescript/bin/tsc'), '-p', '.'])
  expect(output).toBe('')
  expect(status).toBe(0)
}, 60_000) // a full type check of React's types: past the default 5 s on a busy machine

it("passes the README's test-kit example in a time zone other than UTC, and docs/recipes.md's recipes", () => {
  const { status, output } = run([join(project, 'node_modules/vitest/vitest.mjs'), 'run', '--root', project], {
    TZ: 'Asia/Tokyo',
  })
  expect(output).toMatch(/4 passed/)
  expect(status).toBe(0)
}, 120_000)

it("runs docs/core.md's Node example against a local server: it prints the ping and ends by itself", async () => {
  const compiled = run([join(project, 'node_modules/typescript/bin/tsc'), '-p', 'node'])
  expect(compiled.output).toBe('')
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/event-stream' })
    response.write('id: 7\nevent: ping\ndata: {"time":"12:00"}\n\n')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const { port } = server.address() as AddressInfo
    const child = spawn(process.execPath, ['--import', 'tsx', 'node/events.ts', `http://127.0.0.1:${port}/api/events`], { cwd: project })
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
    expect(output.trim()).toBe('ping {"time":"12:00"} id 7')
    expect(code).toBe(0)
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}, 30_000)

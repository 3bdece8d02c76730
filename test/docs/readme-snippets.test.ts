// @vitest-environment node
import { execFileSync, spawnSync } from 'node:child_process'
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
    'tsconfig.json': JSON.stringify(TSCONFIG),
    'App.tsx': snippet(readme, 'quick-start'),
    'sse-events.d.ts': snippet(readme, 'event-map'),
    'usage.ts': snippet(readme, 'event-map-usage'),
    'Clock.test.tsx': snippet(readme, 'test-kit'),
    'across-tabs.tsx': snippet(readme, 'across-tabs'),
  }
  for (const [name, text] of Object.entries(files)) writeFileSync(join(project, name), text)
}, 180_000)

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true })
})

it("compiles the README's quick start, typed event map, test kit and cross-tab example against the packed package, strictly", () => {
  const { status, output } = run([join(project, 'node_modules/typescript/bin/tsc'), '-p', '.'])
  expect(output).toBe('')
  expect(status).toBe(0)
})

it("passes the README's test-kit example in a time zone other than UTC", () => {
  const { status, output } = run([join(project, 'node_modules/vitest/vitest.mjs'), 'run', '--root', project], {
    TZ: 'Asia/Tokyo',
  })
  expect(output).toMatch(/1 passed/)
  expect(status).toBe(0)
}, 120_000)

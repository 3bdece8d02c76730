// Bundle size of what an app imports, measured the way an app's production build would:
// rolldown, minified, React external, NODE_ENV=production, then gzip -9.
// `node scripts/check-size.mjs` prints the sizes and exits 1 when an entry of sse-hooks is over its
// ceiling. It measures dist/, so run `npm run build` first (`npm run size` does).
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { rolldown } from 'rolldown'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'))

/** The app import every other figure is measured beside: the hooks a component tree needs. */
const APP_IMPORT = '{ SSEProvider, useSSEEvent, useEventSource }'

/**
 * What `npm test` enforces, one line per package entry: an app's import from that entry, in gzip
 * bytes, must stay at or under `ceiling`; `aim` is where it is headed. With `addedTo: '.'`, the
 * figure is what the import adds to an app that already imports the main entry's hooks.
 */
export const entryBudgets = [
  { entry: '.', imports: APP_IMPORT, ceiling: 6100, aim: 3000 },
  { entry: './core', imports: '{ SSEClient }', ceiling: 4560 },
  { entry: './testing', imports: '{ createMockEventSource }', ceiling: 1030 },
  { entry: './fetch', imports: '{ fetchTransport }', ceiling: 3080, aim: 2600, addedTo: '.' },
  { entry: './fetch', imports: '{ fetchTransport, useSSERequest }', ceiling: 4310, aim: 2600, addedTo: '.' },
  { entry: './cross-tab', imports: '{ crossTab }', ceiling: 2500, aim: 1500, addedTo: '.' },
  // The panel, as the production entry keeps it in any build.
  { entry: './devtools/production', imports: '{ SSEDevtools }', ceiling: 9000 },
  // The development entry in a production build: the panel is left out, nothing but a stub remains.
  { entry: './devtools', imports: '{ SSEDevtools }', ceiling: 100 },
]

/** The ESM file package.json "exports" serves for `entry` to an app's bundler. */
const distFile = (entry) => {
  const target = manifest.exports[entry]?.import?.default
  if (!target) throw new Error(`package.json "exports" has no import of ${entry}`)
  return resolve(root, target)
}
const specifier = (entry) => `sse-hooks${entry.slice(1)}`

/** One app-side import per case: each sse-hooks entry with its ceiling, then the peers for comparison. */
export const sizeCases = [
  ...entryBudgets.map(({ entry, imports, ceiling, aim, addedTo }) => ({
    name: `${specifier(entry)} ${imports.replace(/[{} ]/g, '').replaceAll(',', '+')}${addedTo ? ' (added to the app import)' : ''}`,
    imports,
    from: distFile(entry),
    budget: ceiling,
    ...(aim ? { target: aim } : {}),
    ...(addedTo ? { base: { imports: APP_IMPORT, from: distFile(addedTo) } } : {}),
  })),
  { name: 'sse-hooks (every export)', imports: '* as all', from: distFile('.') },
  { name: 'react-use-websocket useEventSource', imports: '{ useEventSource }', from: 'react-use-websocket' },
  { name: 'react-hooks-sse SSEProvider+useSSE', imports: '{ SSEProvider, useSSE }', from: 'react-hooks-sse' },
  { name: 'swr/subscription useSWRSubscription', imports: 'useSWRSubscription', from: 'swr/subscription' },
  { name: 'remix-utils useEventSource', imports: '{ useEventSource }', from: 'remix-utils/sse/react' },
]

const external = /^(react|react-dom)($|\/)/
const ENTRY = '\0size-entry'

/** What one import statement brings in, and the names it binds. */
const importOf = ({ imports, from }) => {
  const binding = imports.startsWith('* as ') ? imports.slice(5) : null
  return { line: `import ${imports} from ${JSON.stringify(from)}\n`, kept: binding ?? imports.replace(/[{}]/g, '').trim() }
}

/**
 * Minified and gzip -9 byte counts of one app entry that imports `imports` from `from` and keeps all
 * of it; with `base`, what it adds to an app that already imports `base`.
 */
export async function measureBundle({ imports, from, base }) {
  if (!base) return bundleOf([{ imports, from }])
  const alone = await bundleOf([base])
  const both = await bundleOf([base, { imports, from }])
  return { minified: both.minified - alone.minified, gzip: both.gzip - alone.gzip }
}

/** Bundles an app entry made of these imports, keeping everything they bind. */
async function bundleOf(parts) {
  const lines = parts.map(importOf)
  const source = `${lines.map((l) => l.line).join('')}export { ${lines.map((l) => l.kept).join(', ')} }\n`
  const bundle = await rolldown({
    input: ENTRY,
    platform: 'browser',
    external,
    logLevel: 'silent',
    transform: { define: { 'process.env.NODE_ENV': '"production"' } },
    plugins: [
      {
        name: 'size-entry',
        resolveId: (id) => (id === ENTRY ? id : null),
        load: (id) => (id === ENTRY ? source : null),
      },
    ],
  })
  try {
    const { output } = await bundle.generate({ format: 'esm', minify: true })
    const code = output
      .filter((chunk) => chunk.type === 'chunk')
      .map((chunk) => chunk.code)
      .join('\n')
    return { minified: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length }
  } finally {
    await bundle.close()
  }
}

/** Every case of `sizeCases`; a peer that cannot be bundled gets an `error` instead of sizes. */
export async function measureAll() {
  for (const { from } of sizeCases.filter((c) => c.budget)) {
    if (!existsSync(from)) throw new Error(`${from} is missing: run \`npm run build\` first`)
  }
  const results = []
  for (const sizeCase of sizeCases) {
    try {
      results.push({ ...sizeCase, ...(await measureBundle(sizeCase)) })
    } catch (error) {
      results.push({ ...sizeCase, error: error instanceof Error ? error.message.split('\n')[0] : String(error) })
    }
  }
  return results
}

async function main() {
  const results = await measureAll()
  const rows = results.map((r) => [
    r.name,
    r.error ? 'n/a' : String(r.minified),
    r.error ? 'n/a' : String(r.gzip),
    r.budget ? `≤ ${r.budget}` : '',
    r.target ? `≤ ${r.target}` : '',
    r.error
      ? `error: ${r.error}`
      : r.budget
        ? r.gzip > r.budget
          ? `FAIL: ${r.gzip - r.budget} B over`
          : r.target && r.gzip > r.target
            ? `pass; ${r.gzip - r.target} B over the aim`
            : 'pass'
        : '',
  ])
  const header = ['bundle (React external)', 'min B', 'gzip B', 'ceiling', 'aim', '']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)))
  for (const row of [header, ...rows])
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
  const over = results.filter((r) => r.budget && (r.error || r.gzip > r.budget))
  for (const r of over) {
    console.error(`\n${r.name}: ${r.gzip ?? '?'} B gzip, over its ${r.budget} B ceiling (${r.imports} from ${r.from}).`)
  }
  if (over.length) process.exitCode = 1
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()

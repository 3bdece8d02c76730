// `npm run bench [-- fanout react memory size connections]`: bundles the TypeScript benches with
// rolldown (the source under test is inlined, packages stay external), runs each in its own
// `node --expose-gc` process, and prints one table of medians and same-run ratios.
// Results also go to bench/results/latest.json.
import { fork } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus } from 'node:os'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rolldown } from 'rolldown'
import { measureAll } from '../scripts/check-size.mjs'

const benchDir = dirname(fileURLToPath(import.meta.url))
const resultsDir = join(benchDir, 'results')
const buildDir = join(resultsDir, '.build')
const BENCH_TIMEOUT_MS = 240_000

/** name → entry; `dom` benches get a jsdom window (bench/dom-env.mjs) before React loads. */
const benches = {
  fanout: { entry: 'fanout.bench.ts', dom: false },
  react: { entry: 'react.bench.tsx', dom: true },
  memory: { entry: 'memory.bench.tsx', dom: true },
  size: { entry: null, dom: false },
  connections: { entry: 'connections.bench.tsx', dom: true },
}

const selected = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(benches)
for (const name of selected) {
  if (!(name in benches)) throw new Error(`unknown bench "${name}"; choose from ${Object.keys(benches).join(', ')}`)
}

async function bundleBenches(names) {
  const input = Object.fromEntries(names.filter((name) => benches[name].entry).map((name) => [name, join(benchDir, benches[name].entry)]))
  if (!Object.keys(input).length) return
  rmSync(buildDir, { recursive: true, force: true })
  const bundle = await rolldown({
    input,
    platform: 'node',
    // Packages load from node_modules as an app would get them; only our TypeScript is bundled.
    external: (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0'),
    onLog(level, log, handler) {
      if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log) // 'use client' means nothing in a bench
    },
  })
  await bundle.write({ dir: buildDir, format: 'esm', entryFileNames: '[name].mjs', sourcemap: true })
  await bundle.close()
}

function runBench(name) {
  const { dom } = benches[name]
  return new Promise((resolvePromise, reject) => {
    const child = fork(join(buildDir, `${name}.mjs`), [], {
      execArgv: ['--expose-gc', '--enable-source-maps', ...(dom ? ['--import', join(benchDir, 'dom-env.mjs')] : [])],
      // Production React, as users run it (the React bench loads react-dom/profiling for commit counts).
      env: { ...process.env, NODE_ENV: 'production', BENCH_SSE_SERVER: join(benchDir, 'sse-server.mjs') },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    let result
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`bench ${name} took longer than ${BENCH_TIMEOUT_MS / 1000} s`))
    }, BENCH_TIMEOUT_MS)
    child.on('message', (message) => (result = message))
    child.on('exit', (code) => {
      clearTimeout(timer)
      if (result && code === 0) resolvePromise(result)
      else reject(new Error(`bench ${name} exited with code ${code} and ${result ? 'a' : 'no'} result`))
    })
  })
}

async function sizeBench() {
  const results = await measureAll()
  const own = results.find((r) => r.target)
  const rows = results.map((r) => {
    if (r.error) return { bench: 'size', name: `${r.name} (min+gzip)`, value: Number.NaN, unit: 'B', note: r.error }
    const isOwn = r === own
    return {
      bench: 'size',
      name: `${r.name} (min+gzip)`,
      value: r.gzip,
      unit: 'B',
      ...(isOwn || r.name.startsWith('sse-hooks') || !own?.gzip
        ? {}
        : { baseline: own.gzip, baselineName: 'sse-hooks', ratio: r.gzip / own.gzip }),
      ...(isOwn ? { target: `≤ ${r.target} B (aim)`, pass: r.gzip <= r.target } : {}),
      note: `${r.minified} B minified`,
    }
  })
  return { bench: 'size', rows, details: { bundles: results } }
}

const formatNumber = (value) => {
  if (Number.isNaN(value)) return 'n/a'
  if (Number.isInteger(value)) return value.toLocaleString('en-US')
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US')
  return value.toFixed(Math.abs(value) >= 10 ? 1 : 2)
}
const cell = (text) => String(text).replaceAll('|', '\\|')

function printTable(rows) {
  const header = ['bench', 'measure', 'value', 'baseline', 'ratio', 'target', 'result']
  const lines = rows.map((row) => [
    row.bench,
    row.name + (row.note ? ` — ${row.note}` : ''),
    `${formatNumber(row.value)} ${row.unit}`,
    row.baseline === undefined ? '' : `${formatNumber(row.baseline)}${row.baselineName ? ` (${row.baselineName})` : ''}`,
    row.ratio === undefined ? '' : `${row.ratio.toFixed(row.ratio < 0.1 ? 3 : 2)}×`,
    row.target ?? '',
    row.pass === undefined ? '' : row.pass ? 'pass' : 'FAIL',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => cell(line[i]).length)))
  const format = (line) => `| ${line.map((text, i) => cell(text).padEnd(widths[i])).join(' | ')} |`
  console.log(format(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const line of lines) console.log(format(line))
}

const started = Date.now()
await bundleBenches(selected)
const results = []
const failures = []
for (const name of selected) {
  const benchStarted = Date.now()
  process.stderr.write(`bench ${name}… `)
  try {
    results.push(name === 'size' ? await sizeBench() : await runBench(name))
    process.stderr.write(`${((Date.now() - benchStarted) / 1000).toFixed(1)} s\n`)
  } catch (error) {
    process.stderr.write('failed\n')
    failures.push({ bench: name, error: error instanceof Error ? error.message : String(error) })
  }
}

const rows = results.flatMap((result) => result.rows)
console.log()
printTable(rows)
console.log(
  `\n${cpus()[0]?.model ?? 'cpu'} ×${availableParallelism()}, Node ${process.version}; ` +
    `medians of several runs; ratios against baselines measured in this run. ` +
    `Total ${((Date.now() - started) / 1000).toFixed(0)} s.`,
)
mkdirSync(resultsDir, { recursive: true })
writeFileSync(
  join(resultsDir, 'latest.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpu: cpus()[0]?.model,
      cores: availableParallelism(),
      rows,
      details: Object.fromEntries(results.map((result) => [result.bench, result.details])),
      failures,
    },
    null,
    2,
  ),
)
console.log(`Wrote ${resolve(resultsDir, 'latest.json')}`)
for (const failure of failures) console.error(`bench ${failure.bench} failed: ${failure.error}`)
if (failures.length) process.exitCode = 1

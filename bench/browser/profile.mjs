// Reads a CPU profile (CDP Profiler) of a page built readable (unminified, with a source map):
// self time by function, file and area, and the library's functions by total (inclusive) time,
// all as shares of the busy samples.
import { readFileSync } from 'node:fs'
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping'

/** Maps a function's start in the bundle to `file:line` in the repository (src/…, node_modules/…). */
function locator(bundlePath) {
  const map = new TraceMap(readFileSync(`${bundlePath}.map`, 'utf8'))
  return ({ functionName, url, lineNumber, columnNumber }) => {
    if (!url.endsWith('page.js')) {
      const file = functionName.startsWith('(') ? functionName : 'browser built-ins'
      return { file, at: file }
    }
    const original = originalPositionFor(map, { line: lineNumber + 1, column: columnNumber })
    if (!original.source) return { file: '(bundle)', at: '(bundle)' }
    const file = original.source.replace(/^(\.\.\/)+/, '')
    return { file, at: `${file}:${original.line}` }
  }
}

const area = (file) =>
  file.startsWith('src/')
    ? 'sse-hooks (src/)'
    : /node_modules\/(react|react-dom|scheduler)\//.test(file)
      ? 'React (react-dom, react, scheduler)'
      : file.startsWith('bench/')
        ? 'bench page (harness, cells)'
        : 'browser: (program) = native work outside JS (style, layout, paint, event dispatch), GC, built-ins'

const share = (part, whole) => Math.round((part / whole) * 1000) / 10
const add = (map, key, count) => map.set(key, (map.get(key) ?? 0) + count)

export function analyzeProfile(profile, bundlePath, top = 15) {
  if (!profile?.nodes?.length) throw new Error('no CPU profile to read (the run returned none)')
  const locate = locator(bundlePath)
  const byId = new Map(profile.nodes.map((node) => [node.id, { node, self: 0, place: locate(node.callFrame) }]))
  for (const id of profile.samples) byId.get(id).self++
  const idle = (node) => node.callFrame.functionName === '(idle)'
  const [byFunction, byFile, byArea, libraryTotal] = [new Map(), new Map(), new Map(), new Map()]
  let busy = 0
  const visit = (id, libraryOnStack) => {
    const entry = byId.get(id)
    const { functionName } = entry.node.callFrame
    const counted = idle(entry.node) || functionName === '(root)' ? 0 : entry.self
    const name = `${functionName || '(anonymous)'} — ${entry.place.at}`
    const inLibrary = entry.place.file.startsWith('src/') && !libraryOnStack.has(name)
    const below = new Set(libraryOnStack)
    if (inLibrary) below.add(name)
    let total = counted
    for (const child of entry.node.children ?? []) total += visit(child, below)
    if (inLibrary) add(libraryTotal, name, total)
    if (counted) {
      busy += counted
      add(byFunction, name, counted)
      add(byFile, entry.place.file, counted)
      add(byArea, area(entry.place.file), counted)
    }
    return total
  }
  visit(profile.nodes[0].id, new Set())
  const rank = (map, limit = top) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, count]) => ({ name, samples: count, percent: share(count, busy) }))
  return {
    busySamples: busy,
    areas: rank(byArea),
    functions: rank(byFunction),
    files: rank(byFile, 10),
    libraryTotal: rank(libraryTotal, 10),
  }
}

export function markdownProfile(analysis) {
  const table = (title, column, rows) =>
    [`| ${title} | ${column} |`, '| --- | ---: |', ...rows.map((r) => `| \`${r.name}\` | ${r.percent} % |`)].join('\n')
  return [
    table('area', 'self time', analysis.areas),
    table('function — where it starts', 'self time', analysis.functions),
    table('file', 'self time', analysis.files),
    table('sse-hooks function (src/) — where it starts', 'total time (itself and what it calls)', analysis.libraryTotal),
    '',
  ].join('\n\n')
}

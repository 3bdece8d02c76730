// Who runs in the browser bench, and the scenarios they all run on the same schedule.
// sse-hooks' batch modes are read from the SSEBatchMode type in src/, so a mode added there (or a
// new default, measured by the entry that sets no option) is benched without touching this file.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export const FLOOR = 'floor'
/** The limit for a page that renders at most once per frame, as sse-hooks' default does. */
export const FRAME_FLOOR = 'floor, one DOM write per frame'
export const DEFAULT = 'sse-hooks default'
export const FETCH = 'sse-hooks default, fetchTransport'

/** The string literals of `export type SSEBatchMode = 'a' | 'b'` in the library's source (one line or several). */
export function batchModes(rootDir) {
  const source = readFileSync(join(rootDir, 'src/core/types.ts'), 'utf8')
  // The first line after `=`, and any continuation lines that start with `|`.
  const union = /export type SSEBatchMode\s*=([^\n]*(?:\n\s*\|[^\n]*)*)/.exec(source)?.[1] ?? ''
  return [...union.matchAll(/'([^']+)'/g)].map((match) => match[1])
}

/** name → the page module and the code of its entry (each contender is bundled on its own). */
export function contenders(rootDir) {
  const page = (file) => `./bench/browser/page/${file}`
  const plain = (file) => ({ entry: `import '${page(file)}'` })
  const sseHooks = (batch) => ({
    entry: `import { mount } from '${page('sse-hooks.tsx')}'\nmount(${batch === undefined ? 'undefined' : `'${batch}'`})`,
    ours: true,
    batch: batch ?? 'default',
  })
  return {
    [FLOOR]: plain('floor.ts'),
    [FRAME_FLOOR]: plain('floor-frame.ts'),
    'hand-rolled React': plain('hand-rolled.tsx'),
    [DEFAULT]: sseHooks(undefined),
    [FETCH]: { ...plain('sse-hooks-fetch.tsx'), ours: true, batch: 'default' },
    ...Object.fromEntries(batchModes(rootDir).map((mode) => [`sse-hooks batch: '${mode}'`, sseHooks(mode)])),
    'sse-hooks listener form': { ...plain('sse-hooks-listener.tsx'), ours: true, batch: 'listener' },
    'react-use-websocket': { ...plain('react-use-websocket.tsx'), peer: true },
    'react-hooks-sse': { ...plain('react-hooks-sse.tsx'), peer: true },
    'remix-utils': { ...plain('remix-utils.tsx'), peer: true },
    'SWR subscription': { ...plain('swr.tsx'), peer: true },
  }
}

/**
 * The schedule: `cells` elements per type, `total` events spread round-robin over `types`, sent at
 * `rate` per second (in chunks every `tickMs`), or all at once when `rate` is 0.
 */
export const scenarios = {
  '100 components, 1,000 events/s': { cells: 100, types: 1, total: 1500, rate: 1000 },
  '1,000 components, 1,000 events/s': { cells: 1000, types: 1, total: 1500, rate: 1000 },
  'burst of 5,000 events, 100 components': { cells: 100, types: 1, total: 5000, rate: 0 },
  '20 event types × 50 components, 1,000 events/s': { cells: 50, types: 20, total: 1500, rate: 1000 },
}

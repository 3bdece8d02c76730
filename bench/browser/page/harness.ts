// The in-page half of the browser bench, shared by every contender: reads the scenario from the
// query string, counts animation frames, records which events reached the contender's code, and
// notices when every element shows the last value of its type (the end of the catch-up).
import { eventsReceived } from './count-events'

export interface Payload {
  readonly seq: number
}

const query = new URLSearchParams(location.search)
const typeCount = Number(query.get('types') ?? '1')
const total = Number(query.get('total') ?? '0')

/** The stream every contender listens to (its path names this run, so the server can count connections). */
export const streamUrl = new URL(query.get('stream') ?? '/events', location.href).href
/** One type is the unnamed `message` event every peer can read; several are named `t0`, `t1`… */
export const eventTypes: readonly string[] = typeCount === 1 ? ['message'] : Array.from({ length: typeCount }, (_, index) => `t${index}`)
/** How many elements follow each type. */
export const cellsPerType = Number(query.get('cells') ?? '100')
/** Every element: its index and the one type it shows. */
export const cells = eventTypes.flatMap((type) => Array.from({ length: cellsPerType }, (_, index) => ({ key: `${type}-${index}`, type })))

/** Event `seq` (1…total) has type eventTypes[(seq - 1) % count]; the last one of each type ends the run. */
const finalSeq = new Map(
  eventTypes.map((type, index) => {
    const count = eventTypes.length
    const last = total - ((((total - 1 - index) % count) + count) % count)
    return [type, String(last)]
  }),
)

const seen = new Uint8Array(total + 1)
let rendered = 0
/** Call with each value that reaches a render (or, in the listener form, the listener). */
export function mark(seq: number): void {
  if (seq > 0 && seq <= total && !seen[seq]) {
    seen[seq] = 1
    rendered++
  }
}

const spans = document.getElementsByTagName('span')
function allShown(): boolean {
  const last = spans[spans.length - 1]
  if (!last || last.textContent !== finalSeq.get(last.dataset.t ?? '')) return false
  return shownCount() === cells.length
}
function shownCount(): number {
  let shown = 0
  for (const span of spans) if (span.textContent === finalSeq.get(span.dataset.t ?? '')) shown++
  return shown
}

export interface PageResult {
  readonly frames: number
  readonly elapsedMs: number
  readonly doneAt: number | null
  readonly delivered: number
  readonly rendered: number
  readonly shown: number
  readonly cells: number
}

let frames = 0
let startedAt = 0
let doneAt: number | null = null
let onDone: (() => void) | undefined
function frame(): void {
  frames++
  if (doneAt === null && allShown()) {
    doneAt = Date.now()
    onDone?.()
  }
  requestAnimationFrame(frame)
}

const api = {
  /** Resets the counters: the server starts sending right after. */
  start(): void {
    frames = 0
    startedAt = performance.now()
    requestAnimationFrame(frame)
  },
  /** Resolves once every element shows its last value, or after `capMs`; `minMs` keeps fps from a short window honest. */
  finish(capMs: number, minMs: number): Promise<PageResult> {
    return new Promise((resolve) => {
      const settle = () => {
        const elapsedMs = performance.now() - startedAt
        resolve({ frames, elapsedMs, doneAt, delivered: eventsReceived(), rendered, shown: shownCount(), cells: cells.length })
      }
      const cap = setTimeout(settle, capMs)
      onDone = () => {
        clearTimeout(cap)
        setTimeout(settle, Math.max(0, minMs - (performance.now() - startedAt)))
      }
      if (doneAt !== null) onDone()
    })
  },
}

declare global {
  interface Window {
    __bench: typeof api
    __benchReady: boolean
  }
}
window.__bench = api

/** Each page calls this once its tree is mounted and subscribed. */
export function ready(): void {
  window.__benchReady = true
}

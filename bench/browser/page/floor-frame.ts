// The floor for a page that coalesces: one EventSource, one listener per type, JSON.parse once per
// event, and the latest value of each type written as text into its elements once per animation
// frame. What a library that renders at most once per frame can at best cost.
import { eventTypes, mark, ready, streamUrl, type Payload } from './harness'
import { mountSpans } from './plain-cells'

const byType = mountSpans()

/** type → the latest value not yet on screen. */
const pending = new Map<string, number>()
let frameRequested = false
function write(): void {
  frameRequested = false
  for (const [type, seq] of pending) {
    mark(seq) // a value that reaches the screen, as a render does in the other pages
    const text = String(seq)
    for (const span of byType.get(type) ?? []) span.textContent = text
  }
  pending.clear()
}

const source = new EventSource(streamUrl)
for (const type of eventTypes) {
  source.addEventListener(type, (event) => {
    const { seq } = JSON.parse((event as MessageEvent<string>).data) as Payload
    pending.set(type, seq)
    if (frameRequested) return
    frameRequested = true
    requestAnimationFrame(write)
  })
}
ready()

// The floor: what the page must do at least. One EventSource, one listener per type, JSON.parse
// once per event, and the value written as text into every element of its type. No framework.
import { eventTypes, mark, ready, streamUrl, type Payload } from './harness'
import { mountSpans } from './plain-cells'

const byType = mountSpans()

const source = new EventSource(streamUrl)
for (const type of eventTypes) {
  const spans = byType.get(type) ?? []
  source.addEventListener(type, (event) => {
    const { seq } = JSON.parse((event as MessageEvent<string>).data) as Payload
    mark(seq)
    const text = String(seq)
    for (const span of spans) span.textContent = text
  })
}
ready()

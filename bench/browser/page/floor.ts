// The floor: what the page must do at least. One EventSource, one listener per type, JSON.parse
// once per event, and the value written as text into every element of its type. No framework.
import { cells, eventTypes, mark, ready, streamUrl, type Payload } from './harness'

const container = document.getElementById('root') ?? document.body
const byType = new Map<string, HTMLSpanElement[]>(eventTypes.map((type) => [type, []]))
for (const cell of cells) {
  const span = document.createElement('span')
  span.dataset.t = cell.type
  container.append(span)
  byType.get(cell.type)?.push(span)
}

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

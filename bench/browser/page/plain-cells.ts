// The elements of the pages without a framework (the floors): one <span> per cell, made once.
import { cells, eventTypes } from './harness'

/** Appends every cell's element to the page; returns each type's elements. */
export function mountSpans(): Map<string, HTMLSpanElement[]> {
  const container = document.getElementById('root') ?? document.body
  const byType = new Map<string, HTMLSpanElement[]>(eventTypes.map((type) => [type, []]))
  for (const cell of cells) {
    const span = document.createElement('span')
    span.dataset.t = cell.type
    container.append(span)
    byType.get(cell.type)?.push(span)
  }
  return byType
}

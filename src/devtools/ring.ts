/** A list that keeps only its newest `capacity` items: a long session never grows it. */
export interface Ring<TItem> {
  push(item: TItem): void
  /** The items kept, oldest first. */
  items(): TItem[]
  clear(): void
  /** Items pushed since the ring was made or cleared, kept or not. */
  readonly total: number
}

export function createRing<TItem>(capacity: number): Ring<TItem> {
  const size = Math.max(1, Math.floor(capacity))
  let slots: TItem[] = []
  let next = 0
  let total = 0
  return {
    push(item) {
      slots[next] = item
      next = (next + 1) % size
      total++
    },
    items: () => (slots.length < size ? slots.slice() : [...slots.slice(next), ...slots.slice(0, next)]),
    clear() {
      slots = []
      next = 0
      total = 0
    },
    get total() {
      return total
    },
  }
}

import type { ChannelLike, LocksLike, TabChange, TabLifecycle } from '../../src/cross-tab/environment'

/**
 * Tabs of one origin in one process, for unit tests: a Web Locks manager (exclusive locks,
 * `ifAvailable`, `steal`, `signal`) and BroadcastChannels shared by every tab, with
 * deliveries as tasks (run them with fake timers). A tab can be frozen (it hears nothing and
 * says nothing until thawed, while its locks stay held), crashed, or sent page lifecycle changes.
 */
export interface FakeTab {
  readonly id: number
  readonly locks: LocksLike
  readonly BroadcastChannel: new (name: string) => ChannelLike
  readonly lifecycle: TabLifecycle & { emit(change: TabChange): void }
  /** Stops hearing and speaking; deliveries wait until `thaw()`. */
  freeze(): void
  thaw(): void
  /** Gone at once: its locks are released, its channels closed, its waiting requests dropped. */
  crash(): void
}

interface Holder {
  readonly tab: number
  readonly reject: (error: unknown) => void
  settled: boolean
}

interface Waiter {
  readonly tab: number
  readonly grant: () => void
  readonly reject: (error: unknown) => void
}

const abortError = () => new DOMException('The request was aborted', 'AbortError')

export function createFakeBrowser() {
  const held = new Map<string, Holder>()
  const queues = new Map<string, Waiter[]>()
  const channels = new Map<string, Set<{ tab: number; receive(data: unknown): void; closed: boolean }>>()
  const frozen = new Map<number, (() => void)[]>()
  const crashed = new Set<number>()
  let tabs = 0
  /** Runs `task` in `tab` as a task of its own, later if it is frozen, never if it crashed. */
  const later = (tab: number, task: () => void) => {
    setTimeout(() => {
      if (crashed.has(tab)) return
      const queue = frozen.get(tab)
      if (queue) queue.push(task)
      else task()
    })
  }
  const queueOf = (name: string) => {
    let queue = queues.get(name)
    if (!queue) queues.set(name, (queue = []))
    return queue
  }
  const next = (name: string) => {
    if (held.has(name)) return
    queueOf(name).shift()?.grant()
  }

  const lockManager = (tab: number): LocksLike => ({
    request(name, options, callback) {
      return new Promise((resolve, reject) => {
        const grant = () => {
          const holder: Holder = { tab, reject, settled: false }
          held.set(name, holder)
          later(tab, () => {
            Promise.resolve()
              .then(() => callback({ name }))
              .then(
                (value) => {
                  if (held.get(name) === holder) held.delete(name)
                  next(name)
                  if (!holder.settled) resolve(value)
                },
                (error) => {
                  if (held.get(name) === holder) held.delete(name)
                  next(name)
                  if (!holder.settled) reject(error)
                },
              )
          })
        }
        if (options.steal) {
          const victim = held.get(name)
          if (victim) {
            victim.settled = true
            later(victim.tab, () => victim.reject(abortError()))
          }
          held.delete(name)
          return grant()
        }
        const queue = queueOf(name)
        if (options.ifAvailable && (held.has(name) || queue.length)) {
          return later(tab, () => Promise.resolve(callback(null)).then(resolve, reject))
        }
        if (!held.has(name) && !queue.length) return grant()
        const waiter: Waiter = { tab, grant, reject }
        queue.push(waiter)
        options.signal?.addEventListener('abort', () => {
          const index = queue.indexOf(waiter)
          if (index < 0) return
          queue.splice(index, 1)
          later(tab, () => reject(abortError()))
        })
      })
    },
  })

  const channelClass = (tab: number) =>
    class FakeChannel implements ChannelLike {
      onmessage: ((event: MessageEvent) => void) | null = null
      readonly #name: string
      readonly #end = { tab, closed: false, receive: (data: unknown) => this.onmessage?.({ data } as MessageEvent) }
      constructor(name: string) {
        this.#name = name
        let ends = channels.get(name)
        if (!ends) channels.set(name, (ends = new Set()))
        ends.add(this.#end)
      }
      postMessage(message: unknown) {
        if (this.#end.closed || frozen.has(tab) || crashed.has(tab)) return
        // What a real channel does to a message: it must survive the structured clone.
        const data = structuredClone(message)
        for (const end of channels.get(this.#name) ?? []) {
          if (end !== this.#end) later(end.tab, () => end.closed || end.receive(structuredClone(data)))
        }
      }
      close() {
        this.#end.closed = true
        channels.get(this.#name)?.delete(this.#end)
      }
    }

  return {
    tab(): FakeTab {
      const id = ++tabs
      const listeners = new Set<(change: TabChange) => void>()
      return {
        id,
        locks: lockManager(id),
        BroadcastChannel: channelClass(id),
        lifecycle: {
          subscribe(listener) {
            listeners.add(listener)
            return () => listeners.delete(listener)
          },
          emit(change) {
            for (const listener of [...listeners]) listener(change)
          },
        },
        freeze: () => void frozen.set(id, frozen.get(id) ?? []),
        thaw() {
          const queue = frozen.get(id) ?? []
          frozen.delete(id)
          for (const task of queue) task()
        },
        crash() {
          crashed.add(id)
          for (const ends of channels.values()) for (const end of ends) if (end.tab === id) ends.delete(end)
          for (const [name, queue] of queues)
            queues.set(
              name,
              queue.filter((waiter) => waiter.tab !== id),
            )
          for (const [name, holder] of held) {
            if (holder.tab !== id) continue
            held.delete(name)
            next(name)
          }
        },
      }
    },
    /** Who holds each lock now, by tab id. */
    holders: () => Object.fromEntries([...held].map(([name, holder]) => [name, holder.tab])),
  }
}

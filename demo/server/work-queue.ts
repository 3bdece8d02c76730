/**
 * Runs at most `concurrency` tasks at once, each after a turn of the event loop, in the order they
 * came. Replay reads are synchronous in SQLite: queued like this, hundreds of resumes take turns
 * with the page's own requests instead of holding the process until they are all read.
 */
export function createWorkQueue(concurrency: number) {
  const waiting: (() => void)[] = []
  let running = 0
  const next = () => {
    if (running >= concurrency) return
    const start = waiting.shift()
    if (!start) return
    running++
    // After the I/O already waiting: a new request is read before the next page is.
    setImmediate(start)
  }
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push(() => {
          task()
            .then(resolve, reject)
            .finally(() => {
              running--
              next()
            })
        })
        next()
      })
    },
    /** Tasks not started yet. */
    waiting: () => waiting.length,
  }
}

import { HttpError } from './http'

/** Open streams per client address, refused with 429 beyond `max`: one address cannot hold the server's sockets. */
export function createStreamCap(max: number) {
  const open = new Map<string, number>()
  return {
    /** Counts a stream from `address`, or throws 429; the stream calls the returned function when it closes. */
    admit(address: string): () => void {
      const count = open.get(address) ?? 0
      if (count >= max) {
        throw new HttpError(
          429,
          { error: 'too_many_streams', message: `at most ${max} open streams per address: close one first` },
          { 'Retry-After': '10' },
        )
      }
      open.set(address, count + 1)
      let released = false
      return () => {
        if (released) return
        released = true
        const left = (open.get(address) ?? 1) - 1
        if (left > 0) open.set(address, left)
        else open.delete(address)
      }
    },
  }
}

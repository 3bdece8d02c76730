// The local server of the browser bench, on 127.0.0.1: the built pages as static files, and an
// event stream per run at /events/<run>. It sends nothing until told to play a schedule, counts
// the connections each run opened, ends every stream a minute after it opened, and closes
// itself after STOP_AFTER_MS even if the bench never does.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'

const STREAM_LIFETIME_MS = 60_000
const STOP_AFTER_MS = 15 * 60_000
const TICK_MS = 5
const types = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' }

const payload = (seq) =>
  JSON.stringify({ seq, room: 'general', user: { id: 42, name: 'Ada' }, text: 'hello from the bench', at: 1700000000000 + seq })

/** Event `seq` of a schedule with `typeCount` types: unnamed (`message`) when there is one type. */
function eventText(seq, typeCount) {
  const name = typeCount === 1 ? '' : `event: t${(seq - 1) % typeCount}\n`
  return `${name}id: ${seq}\ndata: ${payload(seq)}\n\n`
}

export async function startServer(staticDir) {
  /** run → { clients: Set<response>, opened: number } */
  const runs = new Map()
  const runOf = (name) => runs.get(name) ?? runs.set(name, { clients: new Set(), opened: 0 }).get(name)

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    const stream = /^\/events\/([\w-]+)$/.exec(path)
    if (stream) {
      const run = runOf(stream[1])
      run.opened++
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
      response.write(':ok\n\n')
      run.clients.add(response)
      const lifetime = setTimeout(() => response.end(), STREAM_LIFETIME_MS)
      request.on('close', () => {
        clearTimeout(lifetime)
        run.clients.delete(response)
      })
      return
    }
    try {
      const file = join(staticDir, normalize(path.endsWith('/') ? `${path}index.html` : path))
      if (!file.startsWith(staticDir)) throw new Error('outside')
      const body = readFileSync(file)
      response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const stopTimer = setTimeout(() => close(), STOP_AFTER_MS).unref()
  function close() {
    clearTimeout(stopTimer)
    for (const run of runs.values()) for (const client of run.clients) client.end()
    server.closeAllConnections()
    return new Promise((resolve) => server.close(() => resolve()))
  }
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    connections: (name) => runOf(name).opened,
    /** Sends the schedule to every client of the run; resolves to Date.now() when the last event was written. */
    play(name, { total, types: typeCount, rate }) {
      const write = (from, to) => {
        let text = ''
        for (let seq = from; seq <= to; seq++) text += eventText(seq, typeCount)
        for (const client of runOf(name).clients) client.write(text)
      }
      if (rate === 0) {
        write(1, total)
        return Promise.resolve(Date.now())
      }
      return new Promise((resolve) => {
        const started = performance.now()
        let sent = 0
        const timer = setInterval(() => {
          const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000))
          if (due > sent) write(sent + 1, due)
          sent = Math.max(sent, due)
          if (sent === total) {
            clearInterval(timer)
            resolve(Date.now())
          }
        }, TICK_MS)
      })
    },
    end(name) {
      for (const client of runOf(name).clients) client.end()
      runs.delete(name)
    },
    close,
  }
}

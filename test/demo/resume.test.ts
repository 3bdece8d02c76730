// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { chatPerTest } from './helpers'

const start = chatPerTest()

describe('resuming with Last-Event-ID', () => {
  it('replays exactly the missed events from the Last-Event-ID header, then goes on live', async () => {
    const { stream, postMessage } = await start()
    const seen = await postMessage('ada', 'one')
    const missed = [await postMessage('ada', 'two'), await postMessage('bob', 'three')]
    const events = await stream({ lastEventId: seen.id })
    await events.waitFor('usermessage', 2)
    const live = await postMessage('ada', 'four')
    await events.waitFor('usermessage', 3)
    expect(events.of('usermessage').map((event) => event.data)).toEqual([...missed, live])
    expect(events.events.every((event) => event.type === 'usermessage')).toBe(true)
  })

  it('takes the lastEventId query parameter that sse-hooks sends when it opens a new EventSource', async () => {
    const { stream, postMessage } = await start()
    const seen = await postMessage('ada', 'one')
    const missed = await postMessage('ada', 'two')
    const events = await stream({ query: { lastEventId: seen.id } })
    await events.waitFor('usermessage')
    const live = await postMessage('ada', 'three')
    await events.waitFor('usermessage', 2)
    expect(events.of('usermessage').map((event) => event.data)).toEqual([missed, live])
  })

  it("prefers the browser's header, which is newer, over the query parameter", async () => {
    const { stream, postMessage } = await start()
    const older = await postMessage('ada', 'one')
    const newer = await postMessage('ada', 'two')
    const missed = await postMessage('ada', 'three')
    const events = await stream({ lastEventId: newer.id, query: { lastEventId: older.id } })
    await events.waitFor('usermessage')
    const live = await postMessage('ada', 'four')
    await events.waitFor('usermessage', 2)
    expect(events.of('usermessage').map((event) => event.data)).toEqual([missed, live])
  })

  it('replays nothing to a new stream', async () => {
    const { stream, postMessage } = await start()
    await postMessage('ada', 'old')
    const events = await stream()
    const live = await postMessage('ada', 'new')
    await events.waitFor('usermessage')
    expect(events.events).toEqual([{ type: 'usermessage', id: live.id, data: live }])
  })

  it('sends reset, carrying the current id, when the resume point was trimmed from the store', async () => {
    const { stream, postMessage } = await start({ keep: 2 })
    const evicted = await postMessage('ada', 'one')
    await postMessage('ada', 'two')
    await postMessage('ada', 'three')
    const latest = await postMessage('ada', 'four')
    const events = await stream({ lastEventId: evicted.id })
    await events.waitFor('reset')
    expect(events.events).toEqual([{ type: 'reset', id: latest.id, data: { reason: 'too-old', lastEventId: latest.id } }])
  })

  it.each(['999', 'abc', '-1', '1e3'])('sends reset for an id the server never issued (%s)', async (id) => {
    const { stream, postMessage } = await start()
    const latest = await postMessage('ada', 'one')
    const events = await stream({ lastEventId: id })
    await events.waitFor('reset')
    expect(events.of('reset')).toEqual([{ id: latest.id, data: { reason: 'unknown-id', lastEventId: latest.id } }])
  })
})

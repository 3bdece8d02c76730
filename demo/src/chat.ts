import { SSEClient } from 'sse-hooks'
import { fetchTransport } from 'sse-hooks/fetch'
import { API } from '../shared/protocol'
import { createHistoryStore } from './history'
import { createSessionTokens } from './session'
import './events'

const randomId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => byte.toString(16).padStart(2, '0')).join('')

/** This tab's id: the server ties the username to it, so closing the tab takes the user offline. */
export const clientId = randomId()
/** The one stream every component below shares. */
export const eventsUrl = `${API.events}?client=${clientId}`

const tokens = createSessionTokens()
/**
 * The stream goes through fetch, so it can carry the session token as a header (never in the URL),
 * fresh on every reconnect: after a 401 (an expired token, or a restarted server that no longer
 * knows it) the transport asks for a new one and retries at once.
 */
const transport = fetchTransport({
  headers: async (reason) => ({
    Authorization: `Bearer ${reason === 'unauthorized' ? await tokens.refresh() : await tokens.current()}`,
  }),
  key: 'demo-session',
})

/** Created here rather than by the provider so the stats panel can read `getStats()`, and the history store shares the stream. */
export const client = new SSEClient({ transport })
export const history = createHistoryStore(client, eventsUrl)

import { SSEClient } from 'sse-hooks'
import { crossTab } from 'sse-hooks/cross-tab'
import { fetchTransport } from 'sse-hooks/fetch'
import { API } from '../shared/protocol'
import { browserId } from './browser-id'
import { createHistoryStore } from './history'
import { createChatSession } from './session'
import './events'

/** This browser's id: the server ties the username to it, so closing the browser's last tab takes the user offline. */
export const clientId = browserId()
/** The one stream every component below shares, the same URL in every tab of the browser. */
export const eventsUrl = `${API.events}?client=${clientId}`

/** Who this browser posts as: joined once, the token bound to the name kept for every tab. */
export const session = createChatSession(clientId)

const authorization = (token: string | undefined): Record<string, string> =>
  token === undefined ? {} : { Authorization: `Bearer ${token}` }

/**
 * One connection for the whole browser: the tab holding the lock streams through fetch and relays to
 * the others, and another tab takes over (from the last event id) when it closes. Through fetch, the
 * stream carries the session token as a header (never in the URL), fresh on every reconnect: after a
 * 401 (an expired token, or a restarted server that no longer knows it) the transport asks for a new
 * one and retries at once. Before joining there is none: the wall is readable without. The token is
 * per browser, so one key is right for every tab.
 */
export const transport = crossTab(
  fetchTransport({
    headers: async (reason) => authorization(reason === 'unauthorized' ? await session.renew() : await session.current()),
    key: 'demo-session',
  }),
)

/** Created here rather than by the provider so the stats panel can read `getStats()`, and the history store shares the stream. */
export const client = new SSEClient({ transport })
export const history = createHistoryStore(client, eventsUrl)

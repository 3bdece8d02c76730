import { SSEClient } from 'sse-hooks'
import { API } from '../shared/protocol'
import { createHistoryStore } from './history'
import './events'

const randomId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => byte.toString(16).padStart(2, '0')).join('')

/** This tab's id: the server ties the username to it, so closing the tab takes the user offline. */
export const clientId = randomId()
/** The one stream every component below shares. */
export const eventsUrl = `${API.events}?client=${clientId}`
/** Created here rather than by the provider so the stats panel can read `getStats()`. */
export const client = new SSEClient()
export const history = createHistoryStore(client, eventsUrl)

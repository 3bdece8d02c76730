import type { SSEInspector } from '../core/inspect'
import { notify } from '../core/report'
import type { SSEMessage } from '../core/transport'
import type { SSERequestState } from './request-store'

/** Whose inspectors hear a request stream's runs: an `SSEClient`, or the provider's client. */
export interface SSERequestInspection {
  readonly inspectors: ReadonlySet<SSEInspector>
}

/** What a request stream tells its client's inspectors, under one key per request stream. */
export interface RequestProbe {
  /** The run's status changed. */
  status(url: string, method: string | undefined, state: SSERequestState<unknown>): void
  event(message: SSEMessage): void
}

/** Reports to `client`'s inspectors, if any are attached; builds nothing otherwise. */
export function inspectRequest(client: SSERequestInspection | undefined): RequestProbe {
  const key = `request ${Math.random()}`
  const to = client?.inspectors
  return {
    status(url, method = 'POST', { status, error }) {
      if (to?.size) notify(to, { key, at: Date.now(), kind: 'request', url, method, status, error })
    },
    event(message) {
      if (to?.size) notify(to, { key, at: Date.now(), kind: 'event', message })
    },
  }
}

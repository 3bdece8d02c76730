/** A component that streams a chat reply with useSSERequest, and a handle the tests drive it by. */
import { Profiler, StrictMode, useEffect } from 'react'
import { render } from '@testing-library/react'
import type { SSEError } from '../../src/core/errors'
import type { SSEMessage } from '../../src/core/transport'
import { useSSERequest, type UseSSERequestOptions, type UseSSERequestResult } from '../../src/fetch/index'
import { appendDelta, type OpenAIChunk } from './llm'

export interface ReplyHandle {
  /** The hook's result as of the last commit. */
  current: UseSSERequestResult<string>
  /** `status` at each commit where it changed. */
  readonly statuses: string[]
  /** `data` at each commit. */
  readonly datas: string[]
  /** Each call of reduce: the event type and the raw data. */
  readonly reduced: Pick<SSEMessage, 'type' | 'data'>[]
  readonly errors: SSEError[]
  commits: number
}

type Options = Partial<UseSSERequestOptions<OpenAIChunk, string>>

function commit(handle: ReplyHandle, reply: UseSSERequestResult<string>) {
  handle.current = reply
  handle.datas.push(reply.data)
  if (handle.statuses.at(-1) !== reply.status) handle.statuses.push(reply.status)
}

function Reply({ url, options, handle }: { url: string; options: Options; handle: ReplyHandle }) {
  const reply = useSSERequest<OpenAIChunk, string>(url, {
    onError: (error) => handle.errors.push(error),
    ...options,
    reduce:
      options.reduce ??
      ((text, chunk, event) => {
        handle.reduced.push({ type: event.type, data: event.data })
        return appendDelta(text, chunk)
      }),
    initial: options.initial ?? '',
  })
  useEffect(() => commit(handle, reply))
  return <p>{reply.data}</p>
}

/** Renders `<Reply>` on `url` (in StrictMode with `strict`); `handle.commits` counts React commits of it. */
export function renderReply(url: string, options: Options = {}, { strict = false } = {}) {
  const handle = { statuses: [], datas: [], reduced: [], errors: [], commits: 0 } as unknown as ReplyHandle
  const reply = (
    <Profiler id="reply" onRender={() => void handle.commits++}>
      <Reply url={url} options={options} handle={handle} />
    </Profiler>
  )
  const view = render(strict ? <StrictMode>{reply}</StrictMode> : reply)
  return { handle, view }
}

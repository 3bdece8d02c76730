import { useState } from 'react'
import { useSSERequest } from 'sse-hooks/fetch'
import { API, LIMITS, type AskChunk } from '../../shared/protocol'

const STATUS_TEXT = { idle: '', streaming: 'Streaming…', done: 'Done', aborted: 'Stopped', error: 'Failed' } as const

const appendDelta = (text: string, chunk: AskChunk) => text + (chunk.choices[0]?.delta.content ?? '')

/** A question POSTed to the demo's endpoint, its reply streamed token by token with useSSERequest; Stop aborts it. */
export function AskPanel() {
  const [question, setQuestion] = useState('')
  const reply = useSSERequest<AskChunk, string>(API.ask, { reduce: appendDelta, initial: '' })
  const streaming = reply.status === 'streaming'
  return (
    <section className="card" aria-labelledby="ask-title">
      <h2 id="ask-title" className="card-title">
        Ask the wall
      </h2>
      <form
        className="ask-form"
        onSubmit={(event) => {
          event.preventDefault()
          void reply.start({ question })
        }}
      >
        <input
          aria-label="Question"
          placeholder="What is everyone talking about?"
          maxLength={LIMITS.questionMax}
          value={question}
          onChange={(event) => setQuestion(event.target.value)}
        />
        <button type="submit" disabled={!question.trim()}>
          Ask
        </button>
        <button type="button" onClick={reply.abort} disabled={!streaming}>
          Stop
        </button>
      </form>
      <p className="ask-reply" data-testid="ask-reply" aria-live="polite" aria-busy={streaming}>
        {reply.data}
      </p>
      <p className="muted" data-testid="ask-status" data-status={reply.status}>
        {reply.status === 'error' ? `Failed: ${reply.error?.message ?? 'unknown error'}` : STATUS_TEXT[reply.status]}
      </p>
    </section>
  )
}

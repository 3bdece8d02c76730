import { useId, useState, type FormEvent, type KeyboardEvent } from 'react'
import { API, LIMITS, type ChatMessage } from '../../shared/protocol'
import { postAsUser } from '../api'
import { session } from '../chat'

/**
 * Posts with fetch: sending is not the stream's job. The message comes back through the stream like
 * everyone else's. The server takes the name from the session token; the text stays here until a
 * post succeeds, also through a restart that makes the page join again.
 */
export function Composer({ username }: { username: string | null }) {
  const [text, setText] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const inputId = useId()
  const hintId = useId()
  const disabled = username === null
  const left = LIMITS.textMax - [...text].length
  const tooLong = left < 0

  const send = async () => {
    if (disabled || busy || tooLong || text.trim() === '') return
    setBusy(true)
    const result = await postAsUser<ChatMessage>(API.messages, { text }, session)
    setBusy(false)
    if (!result.ok) {
      return setError(result.status === 429 ? `Slow down: ${result.message}.` : result.message)
    }
    setError('')
    setText('')
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    void send()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      void send()
    }
  }

  return (
    <form className="composer" onSubmit={onSubmit}>
      <label htmlFor={inputId} className="visually-hidden">
        Message
      </label>
      <textarea
        id={inputId}
        name="text"
        rows={2}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        disabled={disabled}
        aria-invalid={tooLong || undefined}
        placeholder={disabled ? 'Pick a name first, then write here' : 'Write a message'}
        aria-describedby={hintId}
      />
      <button type="submit" disabled={disabled || busy || tooLong || text.trim() === ''}>
        Send
      </button>
      <p id={hintId} className="composer-hint">
        <span className="form-error" role="alert">
          {error}
        </span>
        {!disabled && (
          <span className={left < 50 ? 'counter low' : 'counter'}>
            {tooLong ? `${-left} too many` : `${left} left`}
            <span className="keys"> · Enter sends, Shift+Enter adds a line</span>
          </span>
        )}
      </p>
    </form>
  )
}

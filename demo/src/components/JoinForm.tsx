import { useId, useState, type FormEvent } from 'react'
import { LIMITS } from '../../shared/protocol'
import { session } from '../chat'
import { saveName, savedName } from '../saved-name'

/** Picks the name to post under: the server binds a session token to it, and this browser is that user in the online list. */
export function JoinForm({ me, onJoin }: { me: string | null; onJoin: (username: string) => void }) {
  const [name, setName] = useState(savedName)
  // `me` also changes when another tab of the browser joins: show the name it joined under.
  const [shownMe, setShownMe] = useState(me)
  if (me !== shownMe) {
    setShownMe(me)
    if (me !== null) setName(me)
  }
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const inputId = useId()
  const errorId = useId()

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setBusy(true)
    const result = await session.join(name)
    setBusy(false)
    if (!result.ok) return setError(result.message)
    setError('')
    setName(result.data.username)
    saveName(result.data.username)
    onJoin(result.data.username)
  }

  return (
    <form className="join" onSubmit={submit} aria-describedby={error ? errorId : undefined}>
      <label htmlFor={inputId} className="label">
        {me ? 'Your name' : 'Pick a name to join'}
      </label>
      <div className="row">
        <input
          id={inputId}
          name="username"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={LIMITS.usernameMax}
          autoComplete="nickname"
          placeholder="e.g. ada"
          required
          aria-invalid={error ? true : undefined}
        />
        <button type="submit" disabled={busy || name.trim() === '' || name.trim() === me}>
          {me ? 'Rename' : 'Join'}
        </button>
      </div>
      <p id={errorId} className="form-error" role="alert">
        {error}
      </p>
    </form>
  )
}

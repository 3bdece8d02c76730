import { Component, type ReactNode } from 'react'
import { SSEError } from '../../src/index'

/**
 * A minimal error boundary with a reset, as react-error-boundary gives: it shows the error it
 * caught as a button, `message (status)`, and a click resets it.
 */
export class Boundary extends Component<{ children: ReactNode; onReset?: () => void }, { error: unknown }> {
  override state: { error: unknown } = { error: null }
  static getDerivedStateFromError(error: unknown) {
    return { error }
  }
  override render() {
    const { error } = this.state
    if (!error) return this.props.children
    const reset = () => {
      this.props.onReset?.()
      this.setState({ error: null })
    }
    return (
      <button onClick={reset}>{error instanceof SSEError ? `${error.message} (${error.status ?? 'no status'})` : String(error)}</button>
    )
  }
}

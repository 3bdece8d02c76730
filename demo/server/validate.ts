import { LIMITS } from '../shared/protocol'
import { fieldError } from './http'

const CLIENT_ID = /^[\w-]{1,64}$/
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/

const characterCount = (text: string): number => [...text].length

export function readUsername(value: unknown): string {
  if (typeof value !== 'string') throw fieldError('username', 'username must be a string')
  const username = value.trim()
  const length = characterCount(username)
  if (length < 1 || length > LIMITS.usernameMax) {
    throw fieldError('username', `username must be 1 to ${LIMITS.usernameMax} characters`)
  }
  if (CONTROL_CHARACTERS.test(username)) {
    throw fieldError('username', 'username must not contain control characters such as line breaks')
  }
  return username
}

/** Line breaks are allowed in a message (normalized to \n); they stay inside its JSON `data:` line. */
export function readText(value: unknown): string {
  if (typeof value !== 'string') throw fieldError('text', 'text must be a string')
  const text = value.replace(/\r\n?/g, '\n').trim()
  const length = characterCount(text)
  if (length < 1 || length > LIMITS.textMax) {
    throw fieldError('text', `text must be 1 to ${LIMITS.textMax} characters`)
  }
  return text
}

export function readClientId(value: unknown): string {
  if (typeof value !== 'string' || !CLIENT_ID.test(value)) {
    throw fieldError('client', 'client must be 1 to 64 letters, digits, "_" or "-"')
  }
  return value
}

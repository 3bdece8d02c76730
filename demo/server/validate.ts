import { LIMITS } from '../shared/protocol'
import { fieldError } from './http'

const CLIENT_ID = /^[\w-]{1,64}$/
/** What shows nothing: spaces, zero-width and other default-ignorable characters, controls, the Braille blank. */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\u2800]/gu
/** C0 and C1 controls (line breaks among them), and the line and paragraph separators. */
const CONTROL_OR_SEPARATOR = /[\p{Cc}\u2028\u2029]/u
/** Characters that reorder the text around them: a name could make what follows it read backwards. */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u

const characterCount = (text: string): number => [...text].length

/** Normalized (NFC) and trimmed; refused when nothing visible is left or it is longer than `max` characters. */
function readVisible(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw fieldError(field, `${field} must be a string`)
  const text = value.normalize('NFC').trim()
  if (text.replace(INVISIBLE, '') === '' || characterCount(text) > max) {
    throw fieldError(field, `${field} must be 1 to ${max} characters, and not only invisible ones`)
  }
  return text
}

export function readUsername(value: unknown): string {
  const username = readVisible(value, 'username', LIMITS.usernameMax)
  if (CONTROL_OR_SEPARATOR.test(username)) {
    throw fieldError('username', 'username must not contain control characters such as line breaks')
  }
  if (BIDI_CONTROL.test(username)) {
    throw fieldError('username', 'username must not contain characters that change the direction of the text')
  }
  return username
}

/** Line breaks are allowed in a message (normalized to \n); they stay inside its JSON `data:` line. */
export function readText(value: unknown): string {
  return readVisible(typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : value, 'text', LIMITS.textMax)
}

export function readClientId(value: unknown): string {
  if (typeof value !== 'string' || !CLIENT_ID.test(value)) {
    throw fieldError('client', 'client must be 1 to 64 letters, digits, "_" or "-"')
  }
  return value
}

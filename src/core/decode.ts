import { eventError, isFailure } from './errors'
import type { StandardSchemaV1 } from './standard-schema'
import type { SSEMessage } from './transport'
import type { SSEParser } from './types'

/** A decoded payload, or the event error that stopped it (see `isFailure`). */
export type Decoded = unknown
export type MaybeAsync<T> = T | Promise<T>
export type Decode = (parse: SSEParser | undefined, schema: StandardSchemaV1 | undefined) => MaybeAsync<Decoded>

export const isPromise = (value: unknown): value is Promise<unknown> => typeof (value as Promise<unknown> | null)?.then === 'function'

const read = (event: SSEMessage, parse: SSEParser | undefined): Decoded => {
  try {
    return parse ? parse(event.data, event) : JSON.parse(event.data)
  } catch (cause) {
    return eventError('parse', event, cause)
  }
}

const validate = (event: SSEMessage, value: Decoded, schema: StandardSchemaV1): MaybeAsync<Decoded> => {
  const settle = (result: StandardSchemaV1.Result<unknown>) =>
    result.issues ? eventError('validation', event, undefined, result.issues) : result.value
  const crash = (cause: unknown) => eventError('validation', event, cause)
  if (isFailure(value)) return value
  try {
    const result = schema['~standard'].validate(value)
    return isPromise(result) ? result.then(settle, crash) : settle(result)
  } catch (cause) {
    return crash(cause)
  }
}

/**
 * Decodes one event once per distinct (parse, schema) pair, however many subscribers share it:
 * the hot path of a fan-out. Subscribers almost always share one pair, found first.
 */
export function createDecoder(event: SSEMessage): Decode {
  const results: [SSEParser | undefined, StandardSchemaV1 | undefined, MaybeAsync<Decoded>][] = []
  const decode: Decode = (parse, schema) => {
    for (const entry of results) if (entry[0] === parse && entry[1] === schema) return entry[2]
    // Without a schema, decoding is synchronous.
    const result = schema ? validate(event, decode(parse, undefined), schema) : read(event, parse)
    const entry: (typeof results)[number] = [parse, schema, result]
    results.push(entry)
    // Settled, an async result is given as it is: a late subscriber (or a suspended render) reads it at once.
    if (isPromise(result))
      void result.then((decoded) => {
        entry[2] = decoded
      })
    return result
  }
  return decode
}

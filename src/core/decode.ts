import { SSEError } from './errors'
import type { StandardSchemaV1 } from './standard-schema'
import type { SSEParser } from './types'

export type Decoded = { readonly value: unknown } | { readonly error: SSEError }
export type MaybeAsync<T> = T | Promise<T>

export const isPromise = <T>(value: MaybeAsync<T>): value is Promise<T> =>
  typeof (value as Promise<T> | null)?.then === 'function'

const details = (event: MessageEvent<string>, type: string) => ({
  eventType: type,
  data: event.data,
  lastEventId: event.lastEventId,
})

/** Runs a parser over one event, turning a throw into a `parse` error. */
export function parseEvent(
  event: MessageEvent<string>,
  type: string,
  parse: SSEParser | undefined,
): Decoded {
  try {
    return { value: parse ? parse(event.data, event) : JSON.parse(event.data) }
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    return {
      error: new SSEError('parse', `Could not decode the data of event "${type}": ${reason}`, {
        ...details(event, type),
        cause,
      }),
    }
  }
}

/** Validates a decoded payload with a Standard Schema; async validators yield a promise. */
export function validate(
  schema: StandardSchemaV1,
  value: unknown,
  event: MessageEvent<string>,
  type: string,
): MaybeAsync<Decoded> {
  const settle = (result: StandardSchemaV1.Result<unknown>): Decoded =>
    result.issues
      ? {
          error: new SSEError(
            'validation',
            `Event "${type}" failed validation: ${result.issues.map((issue) => issue.message).join('; ')}`,
            { ...details(event, type), issues: result.issues },
          ),
        }
      : { value: result.value }
  const crash = (cause: unknown): Decoded => ({
    error: new SSEError('validation', `The schema for event "${type}" threw`, {
      ...details(event, type),
      cause,
    }),
  })
  try {
    const result = schema['~standard'].validate(value)
    return isPromise(result) ? result.then(settle, crash) : settle(result)
  } catch (cause) {
    return crash(cause)
  }
}

/**
 * Decodes one event once per distinct (parse, schema) pair, however many
 * subscribers share it: the hot path of a fan-out. Maps are made only when a
 * subscriber brings its own parser or schema.
 */
export function createDecodeCache(event: MessageEvent<string>, type: string) {
  let json: Decoded | undefined
  let parsed: Map<SSEParser, Decoded> | undefined
  let validated: Map<SSEParser | undefined, Map<StandardSchemaV1, MaybeAsync<Decoded>>> | undefined
  const parseOnce = (parse: SSEParser | undefined): Decoded => {
    if (!parse) return (json ??= parseEvent(event, type, undefined))
    let result = (parsed ??= new Map()).get(parse)
    if (!result) parsed.set(parse, (result = parseEvent(event, type, parse)))
    return result
  }
  return (parse: SSEParser | undefined, schema: StandardSchemaV1 | undefined): MaybeAsync<Decoded> => {
    const result = parseOnce(parse)
    if (!schema || 'error' in result) return result
    validated ??= new Map()
    let bySchema = validated.get(parse)
    if (!bySchema) validated.set(parse, (bySchema = new Map()))
    let checked = bySchema.get(schema)
    if (!checked) bySchema.set(schema, (checked = validate(schema, result.value, event, type)))
    return checked
  }
}

import { SSEError } from './errors'
import type { StandardSchemaV1 } from './standard-schema'
import type { SSEParser } from './types'

export type Decoded = { readonly value: unknown } | { readonly error: SSEError }
export type MaybeAsync<T> = T | Promise<T>

export const isPromise = <T>(value: MaybeAsync<T>): value is Promise<T> =>
  typeof (value as Promise<T> | null)?.then === 'function'

const failure = (kind: 'parse' | 'validation', message: string, event: MessageEvent<string>, type: string, extra: { cause?: unknown; issues?: readonly StandardSchemaV1.Issue[] }): Decoded => ({
  error: new SSEError(kind, message, { eventType: type, data: event.data, lastEventId: event.lastEventId, ...extra }),
})

const parseEvent = (event: MessageEvent<string>, type: string, parse: SSEParser | undefined): Decoded => {
  try {
    return { value: parse ? parse(event.data, event) : JSON.parse(event.data) }
  } catch (cause) {
    return failure('parse', `Cannot decode "${type}": ${String(cause)}`, event, type, { cause })
  }
}

const validate = (schema: StandardSchemaV1, value: unknown, event: MessageEvent<string>, type: string): MaybeAsync<Decoded> => {
  const settle = (result: StandardSchemaV1.Result<unknown>): Decoded =>
    result.issues
      ? failure('validation', `Invalid "${type}": ${result.issues.map((issue) => issue.message).join('; ')}`, event, type, { issues: result.issues })
      : { value: result.value }
  const crash = (cause: unknown) => failure('validation', `The schema of "${type}" threw`, event, type, { cause })
  try {
    const result = schema['~standard'].validate(value)
    return isPromise(result) ? result.then(settle, crash) : settle(result)
  } catch (cause) {
    return crash(cause)
  }
}

/**
 * Decodes one event once per distinct (parse, schema) pair, however many
 * subscribers share it: the hot path of a fan-out. Subscribers with the same
 * pair as the previous one (the common case) skip the lookup.
 */
export function createDecodeCache(event: MessageEvent<string>, type: string) {
  let byParser: Map<SSEParser | undefined, { parsed: Decoded; bySchema?: Map<StandardSchemaV1, MaybeAsync<Decoded>> }> | undefined
  let lastParse: SSEParser | undefined
  let lastSchema: StandardSchemaV1 | undefined
  let last: MaybeAsync<Decoded> | undefined
  return (parse: SSEParser | undefined, schema: StandardSchemaV1 | undefined): MaybeAsync<Decoded> => {
    if (last && parse === lastParse && schema === lastSchema) return last
    let entry = (byParser ??= new Map()).get(parse)
    if (!entry) byParser.set(parse, (entry = { parsed: parseEvent(event, type, parse) }))
    const { parsed } = entry
    let result: MaybeAsync<Decoded> = parsed
    if (schema && !('error' in parsed)) {
      const bySchema = (entry.bySchema ??= new Map())
      let checked = bySchema.get(schema)
      if (!checked) bySchema.set(schema, (checked = validate(schema, parsed.value, event, type)))
      result = checked
    }
    lastParse = parse
    lastSchema = schema
    return (last = result)
  }
}

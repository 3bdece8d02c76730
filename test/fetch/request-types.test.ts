// @vitest-environment node
/** The request API's types, checked by `npm run typecheck`: what data is, what needs initial, what a schema infers. */
import { describe, expectTypeOf, it } from 'vitest'
import type { SSEError } from '../../src/core/errors'
import type { StandardSchemaV1 } from '../../src/core/standard-schema'
import { requestEvents, type SSERequestEvent, type SSERequestStatus, type useSSERequest } from '../../src/fetch/index'

type ChunkSchema = StandardSchemaV1<unknown, { delta: string }>

describe('request types', () => {
  it('infers the payload from a schema, and data from reduce and initial', () => {
    type Hook = typeof useSSERequest
    // Only a type position: a hook is never called outside a component.
    const typed = (request: Hook, ChunkSchema: ChunkSchema) => {
      const text = request('/chat', { schema: ChunkSchema, reduce: (acc: string, chunk) => acc + chunk.delta, initial: '' })
      expectTypeOf(text.data).toEqualTypeOf<string>()
      expectTypeOf(text.status).toEqualTypeOf<SSERequestStatus>()
      expectTypeOf(text.error).toEqualTypeOf<SSEError | null>()
      expectTypeOf(text.start).returns.resolves.toEqualTypeOf<string>()
      const latest = request('/chat', { schema: ChunkSchema })
      expectTypeOf(latest.data).toEqualTypeOf<{ delta: string } | undefined>()
      // @ts-expect-error reduce needs an initial value
      request<{ delta: string }, string>('/chat', { reduce: (acc, chunk) => acc + chunk.delta })
    }
    expectTypeOf(typed).toBeFunction()
  })

  it('requestEvents yields typed events', () => {
    // Never called: requestEvents sends nothing until iterated, but there is no server here.
    const typed = (schema: ChunkSchema) =>
      expectTypeOf(requestEvents('/chat', { schema })).toEqualTypeOf<AsyncGenerator<SSERequestEvent<{ delta: string }>, void, undefined>>()
    expectTypeOf(typed).toBeFunction()
  })
})

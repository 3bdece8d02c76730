// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { fetchTransport } from '../../src/fetch/index'

const keyOf = (options: Parameters<typeof fetchTransport>[0]) => fetchTransport(options).key

describe('fetchTransport key', () => {
  it('is the same plain string for equal options, however often the transport is made (as in another tab)', () => {
    const make = () => fetchTransport({ key: 'user-1', headers: async () => ({ Authorization: 'Bearer x' }) })
    expect(make().key).toBe(make().key)
    expect(typeof make().key).toBe('string')
    expect(keyOf({ body: { q: 1 } })).toBe(keyOf({ method: 'post', body: { q: 1 } }))
  })

  it('differs by key, method, static body and credentials', () => {
    const keys = [
      keyOf({}),
      keyOf({ key: 'user-1' }),
      keyOf({ key: 'user-2' }),
      keyOf({ method: 'POST' }),
      keyOf({ body: { q: 1 } }),
      keyOf({ body: { q: 2 } }),
      keyOf({ body: 'q=1' }),
      keyOf({ credentials: 'include' }),
    ]
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('never holds header values', () => {
    expect(keyOf({ headers: { Authorization: 'Bearer secret-token' } })).not.toContain('secret-token')
    expect(keyOf({ headers: { Authorization: 'Bearer secret-token' } })).toBe(keyOf({}))
  })
})

import { expect, it } from 'vitest'
import { compareEventIds, parseEventId } from '../../demo/shared/event-id'

it('orders the ids of both stores as numbers, not as text', () => {
  const sqlite = ['2', '10', '9', '100']
  expect([...sqlite].sort(compareEventIds)).toEqual(['2', '9', '10', '100'])
  const redis = ['1767225600000-10', '1767225600000-9', '1767225599999-99', '1767225600001-0']
  expect([...redis].sort(compareEventIds)).toEqual(['1767225599999-99', '1767225600000-9', '1767225600000-10', '1767225600001-0'])
  expect(compareEventIds('5', '5-0')).toBe(0)
})

it('accepts only ids a store could have issued', () => {
  for (const id of ['', 'abc', '-1', '1e3', '1-2-3', '1.5', ' 1']) expect(parseEventId(id)).toBeUndefined()
  expect(compareEventIds('abc', '1')).toBeLessThan(0)
})

import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { LIMITS } from '../../demo/shared/protocol'
import { launchBrowser, pageTracker, startDemo, type Demo } from './harness'

let demo: Demo
let browser: Browser
const pages = pageTracker()

beforeAll(async () => {
  // The default burst, refilled slowly: the page's own post after the flood must still be over the limit, however slow the machine.
  demo = await startDemo({ rateLimit: { burst: 10, perSecond: 0.1 } })
  browser = await launchBrowser()
})

afterEach(() => pages.closeAll())

afterAll(async () => {
  await browser?.close()
  await demo?.close()
})

interface Answer {
  status: number
  retryAfter: string | null
  body: { error?: string; field?: string; message?: string } | null
}

/** A POST from inside the page, as a script on the site could send it, with the session token the page keeps. */
const postFrom = (page: Page, body: string, contentType = 'application/json', method = 'POST') =>
  page.evaluate(
    async ({ body, contentType, method }): Promise<Answer> => {
      const { token } = JSON.parse(localStorage.getItem('sse-hooks-demo:session') ?? '{}') as { token?: string }
      const response = await fetch('/api/messages', {
        method,
        headers: { 'Content-Type': contentType, Authorization: `Bearer ${token ?? ''}` },
        ...(method === 'POST' ? { body } : {}),
      })
      return {
        status: response.status,
        retryAfter: response.headers.get('Retry-After'),
        body: (await response.json().catch(() => null)) as Answer['body'],
      }
    },
    { body, contentType, method },
  )

const json = (value: unknown) => JSON.stringify(value)

it('rejects bad posts with their documented status codes, and the wall is unaffected', async () => {
  const watcher = await pages.open(browser, demo.url)
  const sender = await pages.open(browser, demo.url)
  await sender.join('eve') // a join spends one post of the burst

  const bad: [string, Promise<Answer>, number, string, string?][] = [
    ['empty text', postFrom(sender.page, json({ username: 'eve', text: '' })), 400, 'invalid_field', 'text'],
    ['no text', postFrom(sender.page, json({ username: 'eve' })), 400, 'invalid_field', 'text'],
    ['too long', postFrom(sender.page, json({ username: 'eve', text: 'x'.repeat(LIMITS.textMax + 1) })), 400, 'invalid_field', 'text'],
    ['wrong types', postFrom(sender.page, json({ username: 42, text: ['hi'] })), 400, 'invalid_field', 'text'],
    ['not JSON', postFrom(sender.page, '{"username": "eve", "text": '), 400, 'invalid_json'],
    ['huge body', postFrom(sender.page, json({ username: 'eve', text: 'x'.repeat(1 << 20) })), 413, 'body_too_large'],
    ['not declared JSON', postFrom(sender.page, json({ username: 'eve', text: 'hi' }), 'text/plain'), 415, 'unsupported_media_type'],
    ['wrong method', postFrom(sender.page, '', 'application/json', 'PUT'), 405, 'method_not_allowed'],
  ]
  for (const [name, answer, status, error, field] of bad) {
    const { status: actual, body } = await answer
    expect({ name, status: actual, error: body?.error, field: body?.field }).toEqual({
      name,
      status,
      error,
      field,
    })
    expect(body?.message, name).toMatch(/\w/)
  }

  // A flood of valid posts: the first ones get through, then 429 with Retry-After.
  const flood: { text: string; answer: Answer }[] = []
  for (let i = 1; i <= 30; i++) {
    const text = `flood ${i}`
    flood.push({ text, answer: await postFrom(sender.page, json({ username: 'eve', text })) })
  }
  const accepted = flood.filter(({ answer }) => answer.status === 201).map(({ text }) => text)
  const limited = flood.filter(({ answer }) => answer.status === 429)
  expect(accepted.slice(0, 9)).toEqual(flood.slice(0, 9).map(({ text }) => text))
  expect(limited.length).toBeGreaterThan(0)
  expect(accepted.length + limited.length).toBe(flood.length)
  for (const { answer } of limited) {
    expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1)
    expect(answer.body?.error).toBe('rate_limited')
  }

  // The page says so too, in words, and keeps the text.
  expect(await sender.send('one more')).toBe(429)
  expect(await sender.page.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('one more')
  await sender.page
    .getByRole('alert')
    .filter({ hasText: /Slow down: too many posts: try again in \d+ s/ })
    .waitFor()

  // Exactly the accepted posts reach the wall, once each and in order; nothing else.
  const lastAccepted = accepted.at(-1) ?? 'no post was accepted'
  await watcher.page.getByTestId('message').filter({ hasText: lastAccepted }).waitFor()
  expect(await watcher.messages()).toEqual(accepted.map((text) => ({ author: 'eve', text })))
  expect(watcher.streamRequests).toHaveLength(1)
  expect(await watcher.status()).toBe('open')
})

import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { tempStore } from '../demo/helpers'
import { freePort, startProcess, type Running } from '../demo/processes'
import { launchBrowser, pageTracker } from './harness'

/**
 * `npm run demo` itself, exactly what a person runs, in a process group of its own (so a signal
 * reaches it as Ctrl-C or `kill` would), on one port and one store file for the whole test, with a
 * browser to watch it. Whatever runs at the end of a test is killed, its pages closed, its store removed.
 */
export function npmDemoPerTest() {
  let browser: Browser | undefined
  const pages = pageTracker()
  const store = tempStore()
  let running: Running | undefined

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterEach(async () => {
    await pages.closeAll()
    await running?.stop('SIGKILL')
    running = undefined
    store.remove()
  })
  afterAll(() => browser?.close())

  return {
    pages,
    store,
    browser: () => {
      if (!browser) throw new Error('no browser yet: call this inside a test')
      return browser
    },
    /** A free port and its URL, and a way to run `npm run demo` on it (again) with more settings. */
    async prepare(env: NodeJS.ProcessEnv = {}) {
      const port = await freePort()
      const run = async () => {
        const settings = { HOST: '127.0.0.1', PORT: String(port), CHAT_DB: store.file, ...env }
        running = await startProcess('npm', ['run', 'demo'], settings, /sse-hooks demo: http/)
        return running
      }
      return { url: `http://127.0.0.1:${port}`, run }
    },
  }
}

// `npm run bench:devtools`: the page's frame rate in headless Chromium while 1,000 events/s flow
// through an open devtools panel, against the same page with the panel closed. Reports; the
// target is 50 fps with the panel open. Uses the devtools e2e test's page and server.
import { launchBrowser } from '../test/e2e/harness'
import { startDevtoolsServer } from '../test/e2e/devtools/server'

const SECONDS = 5
const RATE = 1_000
const TARGET_FPS = 50

async function measure(query: string) {
  const server = await startDevtoolsServer()
  const browser = await launchBrowser()
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(`${server.url}/?${query}`)
    await page.locator('[data-testid=ticks][data-status=open]').waitFor()
    // 10 events every 10 ms, counted frames meanwhile.
    const timer = setInterval(() => server.emit(RATE / 100), 10)
    // A string, not a function: tsx would wrap a function's names in a helper the page lacks.
    const frames: number[] = await page.evaluate(`new Promise((resolve) => {
      const times = []
      const start = performance.now()
      const frame = (now) => {
        times.push(now)
        if (now - start < ${SECONDS * 1000}) requestAnimationFrame(frame)
        else resolve(times)
      }
      requestAnimationFrame(frame)
    })`)
    clearInterval(timer)
    const gaps = frames.slice(1).map((time, i) => time - (frames[i] ?? time))
    const fps = (frames.length - 1) / (((frames.at(-1) ?? 0) - (frames[0] ?? 0)) / 1000)
    const longest = Math.max(...gaps)
    const long = gaps.filter((gap) => gap > 1000 / TARGET_FPS).length
    const received = await page
      .getByTestId('event-count')
      .textContent()
      .catch(() => 'panel closed')
    return { fps, longest, long, received }
  } finally {
    await browser.close()
    await server.close()
  }
}

const rows: string[] = []
for (const [name, query] of [
  ['panel closed', ''],
  ['panel open', 'open'],
] as const) {
  const { fps, longest, long, received } = await measure(query)
  let verdict = ''
  if (name === 'panel open') verdict = fps >= TARGET_FPS ? 'pass' : 'FAIL'
  rows.push(`| ${name} | ${fps.toFixed(1)} fps | ${longest.toFixed(0)} ms | ${long} | ${received} | ${verdict} |`)
}
console.log(
  `| page at ${RATE} events/s for ${SECONDS} s | frame rate | longest frame | frames over ${1000 / TARGET_FPS} ms | log | ≥ ${TARGET_FPS} fps |`,
)
console.log('| --- | --- | --- | --- | --- | --- |')
for (const row of rows) console.log(row)

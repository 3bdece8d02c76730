// The bench's steps (each run, the profiles, the chart, the docs) fail on their own: one that
// throws is named on stderr in one line, the others still run, and the run ends as broken.

/** The first line of what was thrown: Playwright's errors append a multi-line call log. */
export const oneLine = (error) => String(error instanceof Error ? error.message : error).split('\n')[0]

/** `attempt(step, fn)` resolves to what fn returns, or to `fallback` when it throws; `failures` lists those. */
export function createSteps(log) {
  const failures = []
  const fail = (step, error) => {
    const failure = { step, message: oneLine(error) }
    failures.push(failure)
    log(`\nfailed: ${step}: ${failure.message}\n`) // on a line of its own, also amid a line of progress dots
  }
  const attempt = async (step, fn, fallback = undefined) => {
    try {
      return await fn()
    } catch (error) {
      fail(step, error)
      return fallback
    }
  }
  return { failures, fail, attempt }
}

import { defineConfig } from 'vitest/config'

// `npm run test:e2e`: the demo in headless Chromium. Separate from `npm test`
// (jsdom) because it starts real servers and a browser.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
})

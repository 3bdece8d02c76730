import { defineConfig } from 'vitest/config'

// `npm run test:package`: the packed tarball in a temporary project. Separate from the unit run
// because it builds, packs and runs the TypeScript compiler, which would load the timing-sensitive
// tests running beside it.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/package/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})

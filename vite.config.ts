import { configDefaults, defineConfig } from 'vitest/config'

// The unit/integration test run (npm test). The library build is tsdown.config.ts;
// the demo has its own config in demo/vite.config.ts.
export default defineConfig({
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: [...configDefaults.exclude, 'test/e2e/**', 'test/package/**'],
    restoreMocks: true,
    unstubGlobals: true,
    typecheck: {
      enabled: true,
      include: ['test/types/**/*.test-d.ts'],
      tsconfig: './test/types/tsconfig.json',
    },
  },
})

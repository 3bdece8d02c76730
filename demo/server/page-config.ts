import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import type { UserConfig } from 'vite'

export const demoPath = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url))

/** The page's Vite config: built by `npm run demo`, served with HMR by `npm run demo:dev`. */
export function pageConfig(): UserConfig {
  return {
    root: demoPath(''),
    cacheDir: demoPath('../node_modules/.vite/demo'),
    plugins: [react()],
    // The page imports the library by its package name, as a user would; here it is the source.
    resolve: {
      alias: [
        { find: /^sse-hooks$/, replacement: demoPath('../src/index.ts') },
        { find: /^sse-hooks\/fetch$/, replacement: demoPath('../src/fetch/index.ts') },
        { find: /^sse-hooks\/cross-tab$/, replacement: demoPath('../src/cross-tab/index.ts') },
        { find: /^sse-hooks\/devtools\/production$/, replacement: demoPath('../src/devtools/production.ts') },
      ],
    },
    // Listed so a first start never finds them late and reloads the page.
    optimizeDeps: { include: ['react', 'react/jsx-dev-runtime', 'react-dom/client'] },
    build: { outDir: demoPath('dist'), emptyOutDir: true },
  }
}

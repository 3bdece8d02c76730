import { defineConfig, type UserConfig } from 'tsdown'

/**
 * The package's entry points, one line each: output name → source file, built to dist/<name>.js,
 * .cjs, .d.ts and .d.cts. package.json "exports" maps `.` to `index` and every other name to
 * `./<name>` ("typesVersions" too, for node10); the tarball test and attw fail until they do.
 */
export const entries: Record<string, string> = {
  index: 'src/index.ts',
  core: 'src/core/index.ts',
  testing: 'src/testing/index.ts',
  fetch: 'src/fetch/index.ts',
  'cross-tab': 'src/cross-tab/index.ts',
  devtools: 'src/devtools/index.ts',
  'devtools/production': 'src/devtools/production.ts',
}

/**
 * Built JavaScript that imports React runs on the client: Next.js' app router needs the directive.
 * The devtools entries pick a component from a chunk, so they are client modules too.
 */
const usesReact = (chunk: { fileName: string; imports: string[] }) =>
  !/\.d\.[cm]?ts$/.test(chunk.fileName) && (chunk.fileName.startsWith('devtools') || chunk.imports.some((id) => /^react($|\/)/.test(id)))

/** React and react-dom (which only the devtools import) are the app's, never bundled. */
const react = /^react(-dom)?($|\/)/

const build = {
  entry: entries,
  // Code that entries share goes to shared chunks, so every entry sees one SSEClient and one SSEEventMap.
  platform: 'neutral',
  target: 'es2022',
  outDir: 'dist',
  // scripts/build.mjs empties dist/ once; the two formats build side by side.
  clean: false,
  minify: false,
  sourcemap: true,
  dts: { sourcemap: true },
  // The dts plugin's share of a 3 s build is no news on every run.
  inputOptions: { checks: { pluginTimings: false } },
  outputOptions: (options) => ({
    ...options,
    // Readable output: keep the real names of what chunks share.
    minifyInternalExports: false,
    banner: (chunk) => (usesReact(chunk) ? "'use client';" : ''),
  }),
} satisfies UserConfig

export default defineConfig([
  { ...build, format: 'esm', deps: { neverBundle: [react] } },
  // eventsource-parser 4 ships ESM only, which require() cannot load before Node 20.19 and Jest's
  // CommonJS modules never can: the CommonJS build of sse-hooks/fetch carries its own copy.
  { ...build, format: 'cjs', deps: { neverBundle: [react], alwaysBundle: [/^eventsource-parser($|\/)/] } },
])

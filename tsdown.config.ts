import { defineConfig } from 'tsdown'

/**
 * The package's entry points, one line each: output name → source file. package.json "exports"
 * maps `.` to `index` and every other name to `./<name>`; the tarball test checks each resolves.
 */
export const entries: Record<string, string> = {
  index: 'src/index.ts',
  core: 'src/core/index.ts',
  testing: 'src/testing/index.ts',
}

/** Built JavaScript that imports React runs on the client: Next.js' app router needs the directive. */
const usesReact = (chunk: { fileName: string; imports: string[] }) =>
  !/\.d\.[cm]?ts$/.test(chunk.fileName) && chunk.imports.some((id) => /^react($|\/)/.test(id))

export default defineConfig({
  entry: entries,
  // dist/<name>.js (ESM) and dist/<name>.cjs, each with its .d.ts / .d.cts; shared code in one chunk per format.
  format: ['esm', 'cjs'],
  platform: 'neutral',
  target: 'es2022',
  outDir: 'dist',
  clean: true,
  minify: false,
  sourcemap: true,
  dts: { sourcemap: true },
  deps: { neverBundle: [/^react($|\/)/] },
  outputOptions: (options) => ({
    ...options,
    // Readable output: keep the real names of what chunks share.
    minifyInternalExports: false,
    banner: (chunk) => (usesReact(chunk) ? "'use client';" : ''),
  }),
})

// Bundles one page per contender with rolldown, as an app's production build would (React and the
// peers inlined, NODE_ENV=production, minified), and measures its JS min+gzip. `readable: true`
// builds unminified with a source map and `//#region <module>` markers, for the CPU profile.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { rolldown } from 'rolldown'

const ENTRY = '\0bench-entry.tsx'
const html = '<!doctype html><meta charset="utf-8"><title>bench</title><div id="root"></div><script type="module" src="page.js"></script>\n'

export const slug = (name) =>
  name
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()

/** Writes <outDir>/<slug>/{index.html,page.js}; resolves to { name → gzip bytes }. */
export async function buildPages(rootDir, outDir, contenders, { readable = false } = {}) {
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  const sizes = {}
  for (const [name, contender] of Object.entries(contenders)) {
    const bundle = await rolldown({
      input: ENTRY,
      cwd: rootDir,
      platform: 'browser',
      transform: { define: { 'process.env.NODE_ENV': '"production"' } },
      plugins: [
        {
          name: 'bench-entry',
          // The package says sideEffects: false; the bench pages are all side effects.
          async resolveId(id, importer) {
            if (id === ENTRY) return id
            if (!id.includes('bench/browser/page/') && !importer?.includes('bench/browser/page/')) return null
            const resolved = await this.resolve(id, importer, { skipSelf: true })
            return resolved && resolved.id.includes('/bench/browser/page/') ? { ...resolved, moduleSideEffects: true } : resolved
          },
          load: (id) => (id === ENTRY ? { code: contender.entry, moduleType: 'tsx' } : null),
        },
      ],
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log) // 'use client' means nothing here
      },
    })
    const { output } = await bundle.generate({ format: 'esm', minify: !readable, sourcemap: readable })
    await bundle.close()
    const chunk = output.find((file) => file.type === 'chunk' && file.isEntry)
    if (!chunk) throw new Error(`no bundle for ${name}`)
    const dir = join(outDir, slug(name))
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'index.html'), html)
    writeFileSync(join(dir, 'page.js'), readable ? `${chunk.code}\n//# sourceMappingURL=page.js.map\n` : chunk.code)
    if (readable && chunk.map) writeFileSync(join(dir, 'page.js.map'), chunk.map.toString())
    sizes[name] = gzipSync(chunk.code, { level: 9 }).length
  }
  return sizes
}

import { fileURLToPath } from 'node:url'
import { rolldown } from 'rolldown'

/** The cross-tab test page, bundled from the sources as an app's build would. */
export async function buildPage(): Promise<string> {
  const bundle = await rolldown({
    input: fileURLToPath(new URL('./page.ts', import.meta.url)),
    platform: 'browser',
    logLevel: 'silent',
    transform: { define: { 'process.env.NODE_ENV': '"development"' } },
    // The page is all side effects; the package says it has none.
    treeshake: { moduleSideEffects: (id) => id.endsWith('/page.ts') },
  })
  try {
    const { output } = await bundle.generate({ format: 'esm' })
    return output[0].code
  } finally {
    await bundle.close()
  }
}

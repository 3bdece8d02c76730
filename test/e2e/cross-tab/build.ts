import { fileURLToPath } from 'node:url'
import { rolldown } from 'rolldown'

/** A test page bundled from the sources as an app's development build would: `input` is all side effects. */
export async function bundlePage(input: string): Promise<string> {
  const bundle = await rolldown({
    input,
    platform: 'browser',
    logLevel: 'silent',
    transform: { define: { 'process.env.NODE_ENV': '"development"' } },
    // The page is all side effects; the package says it has none.
    treeshake: { moduleSideEffects: (id) => id === input },
  })
  try {
    const { output } = await bundle.generate({ format: 'esm' })
    return output[0].code
  } finally {
    await bundle.close()
  }
}

/** The cross-tab test page. */
export const buildPage = (): Promise<string> => bundlePage(fileURLToPath(new URL('./page.ts', import.meta.url)))

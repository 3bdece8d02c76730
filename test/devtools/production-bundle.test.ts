// @vitest-environment node
/** What an app's bundler keeps of sse-hooks/devtools: in a production build, none of the panel. */
import { fileURLToPath } from 'node:url'
import { rolldown } from 'rolldown'
import { describe, expect, it } from 'vitest'

const source = (entry: string) => fileURLToPath(new URL(`../../src/devtools/${entry}`, import.meta.url))

/** An app that imports SSEDevtools from `entry`, bundled and minified with NODE_ENV set to `mode`. */
async function appBundle(entry: string, mode: 'production' | 'development'): Promise<string> {
  const app = '\0app'
  const bundle = await rolldown({
    input: app,
    platform: 'browser',
    external: /^react(-dom)?($|\/)/,
    logLevel: 'silent',
    transform: { define: { 'process.env.NODE_ENV': JSON.stringify(mode) } },
    plugins: [
      {
        name: 'app',
        resolveId: (id) => (id === app ? id : null),
        load: (id) => (id === app ? `import { SSEDevtools } from ${JSON.stringify(source(entry))}\nexport { SSEDevtools }\n` : null),
      },
    ],
  })
  try {
    const { output } = await bundle.generate({ format: 'esm', minify: true })
    return output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('\n')
  } finally {
    await bundle.close()
  }
}

describe('the devtools in an app bundle', () => {
  it('a production build of an app importing sse-hooks/devtools holds no panel code and no react-dom', async () => {
    const code = await appBundle('index.ts', 'production')
    expect(code).not.toContain('attachShadow')
    expect(code).not.toContain('sse-devtools')
    expect(code).not.toContain('react-dom')
    expect(code.length).toBeLessThan(200)
  })

  it('a development build holds the panel, and so does a production build from sse-hooks/devtools/production', async () => {
    for (const code of [await appBundle('index.ts', 'development'), await appBundle('production.ts', 'production')]) {
      expect(code).toContain('attachShadow')
      expect(code).toContain('react-dom')
    }
  })
})

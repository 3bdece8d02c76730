import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import type { Plugin, PreviewServer, UserConfig, ViteDevServer } from 'vite'
import { createChatServer, type ChatServer, type ChatServerOptions } from './chat-server'

export interface ChatPluginOptions extends ChatServerOptions {
  /** A chat server of your own, which outlives the HTTP server (the tests restart one in front of it). */
  chat?: ChatServer | undefined
}

/** Mounts the chat API in Vite's own HTTP server: one process serves the page and `/api/*`. */
export function chatServerPlugin({ chat, ...options }: ChatPluginOptions = {}): Plugin {
  const mount = (server: ViteDevServer | PreviewServer) => {
    const owned = chat ?? createChatServer(options)
    server.middlewares.use(owned.handle)
    if (!chat) server.httpServer?.once('close', () => owned.close())
  }
  return { name: 'sse-hooks-demo:chat-server', configureServer: mount, configurePreviewServer: mount }
}

const demoPath = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url))

/** The demo's Vite config; `npm run demo` uses it through demo/vite.config.ts, the browser tests directly. */
export function demoConfig(options: ChatPluginOptions = {}): UserConfig {
  return {
    root: demoPath(''),
    cacheDir: demoPath('../node_modules/.vite/demo'),
    plugins: [react(), chatServerPlugin(options)],
    // The page imports the library by its package name, as a user would; here it is the source.
    resolve: { alias: [{ find: /^sse-hooks$/, replacement: demoPath('../src/index.ts') }] },
    // Listed so a first start never finds them late and reloads the page.
    optimizeDeps: { include: ['react', 'react/jsx-dev-runtime', 'react-dom/client'] },
    build: { outDir: demoPath('dist'), emptyOutDir: true },
  }
}

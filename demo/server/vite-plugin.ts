import type { Plugin, UserConfig, ViteDevServer } from 'vite'
import { createChatServer, type ChatServer } from './chat-server'
import { openSqliteLog } from './log/sqlite-log'
import { demoPath, pageConfig } from './page-config'

/**
 * `npm run demo:dev`: the chat API inside Vite's dev server, for working on the
 * page with HMR. Its own database file, so it never competes with `npm run demo`
 * for one. HMR reloads the page when this server restarts; `npm run demo` does not.
 */
export function chatServerPlugin(file = demoPath('.data/dev.sqlite')): Plugin {
  return {
    name: 'sse-hooks-demo:chat-server',
    configureServer(server: ViteDevServer) {
      const log = openSqliteLog({ file })
      const chat: ChatServer = createChatServer({ log })
      server.middlewares.use(chat.handle)
      server.httpServer?.once('close', () => {
        chat.close()
        void log.close()
      })
    },
  }
}

export function devConfig(): UserConfig {
  const config = pageConfig()
  return { ...config, plugins: [...(config.plugins ?? []), chatServerPlugin()] }
}

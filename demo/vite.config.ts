import { defineConfig } from 'vite'
import { devConfig } from './server/vite-plugin'

// `npm run demo:dev`: the page with HMR and the chat API in one Vite dev server.
// `npm run demo` serves the built page from the chat server instead (demo/server/main.ts).
export default defineConfig(devConfig())

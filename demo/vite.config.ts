import { defineConfig } from 'vite'
import { demoConfig } from './server/vite-plugin'

// `npm run demo`: the page and its chat server in one Vite dev server.
export default defineConfig(demoConfig())

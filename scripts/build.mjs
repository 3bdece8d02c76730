// `npm run build`: tsdown with tsdown.config.ts, through its API rather than its CLI, whose start
// warns on every Node.js before 22.18 although the build runs on the Node 20 this package supports.
import { rmSync } from 'node:fs'
import { build } from 'tsdown'

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true })
await build({ logLevel: 'warn' })

// Runs before `npm test` and `npm run demo` (their pre-scripts), so either works
// as the first command on a fresh clone: installs the dependencies only when
// node_modules is missing or older than package-lock.json. Plain Node, no dependencies.
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const installed = `${root}node_modules/.package-lock.json` // npm rewrites it on every install that changes something
const changed = (file) => existsSync(`${root}${file}`) && statSync(`${root}${file}`).mtimeMs > statSync(installed).mtimeMs

if (!existsSync(installed) || changed('package.json') || changed('package-lock.json')) {
  console.log('Installing dependencies (first run, or package.json changed)…')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  })
  if (result.status !== 0) {
    console.error(`npm install failed (exit ${result.status ?? result.signal}); fix the error above and run the command again.`)
    process.exit(result.status ?? 1)
  }
}

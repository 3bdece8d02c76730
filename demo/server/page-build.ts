import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'
import { demoPath, pageConfig } from './page-config'

const INPUTS = ['index.html', 'src', 'shared', 'server/page-config.ts', '../src', '../package-lock.json']
const STAMP = '.built'

function newestChange(path: string): number {
  if (!existsSync(path)) return 0
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))))
}

/** The built page's folder; builds it first when missing or older than its sources. */
export async function ensurePageBuilt(): Promise<string> {
  const outDir = demoPath('dist')
  const stamp = join(outDir, STAMP)
  const sources = Math.max(...INPUTS.map((input) => newestChange(demoPath(input))))
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= sources) return outDir

  console.log('Building the demo page…')
  // Into a folder of its own, then moved into place: two servers starting at once never serve half a build.
  const scratch = demoPath(`dist-${process.pid}`)
  await build({ ...pageConfig(), configFile: false, logLevel: 'warn', build: { outDir: scratch, emptyOutDir: true } })
  writeFileSync(join(scratch, STAMP), '')
  rmSync(outDir, { recursive: true, force: true })
  try {
    renameSync(scratch, outDir)
  } catch {
    rmSync(scratch, { recursive: true, force: true }) // another server moved its build in first
  }
  return outDir
}

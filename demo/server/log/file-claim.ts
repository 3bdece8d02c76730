import { linkSync, readFileSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'

/**
 * node-sqlite3-wasm locks a database by creating `<file>.lock` (a folder) and removing it when the
 * transaction ends. A process killed in between leaves the folder behind, and every later open
 * fails with "database is locked", since nothing says whose lock it is. So each process first
 * claims the file in `<file>.owner`, with its pid: while the owner lives, nobody else opens the
 * file; once it is gone, its claim and its lock are stale and are cleared. SQLite then rolls a
 * hot journal back, so what was committed stays and a half-written transaction goes.
 */

interface Owner {
  pid: number
  host: string
  /** When the process started (from /proc), so a reused pid is not taken for the owner. */
  started: string | undefined
}

export interface FileClaim {
  /** Removes the claim, if it is still this process's. */
  release(): void
  /** The owner whose claim was found stale and cleared, if any. */
  readonly cleared: number | undefined
}

/** Fields 3 on of /proc/<pid>/stat (after the command name, which may contain spaces), where there is a /proc. */
const procStat = (pid: number): string[] | undefined => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')
  } catch {
    return undefined
  }
}
const startTime = (pid: number): string | undefined => procStat(pid)?.[19]

const readOwner = (path: string): Owner | undefined => {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<Owner>
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? (owner as Owner) : undefined
  } catch {
    return undefined
  }
}

/** Whether the process that wrote `owner` may still run. Another machine's process counts as alive: it cannot be asked. */
function isAlive(owner: Owner): boolean {
  if (owner.host !== hostname()) return true
  try {
    process.kill(owner.pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  const stat = procStat(owner.pid)
  // A killed process whose parent has not reaped it yet (a zombie) still answers kill(pid, 0).
  if (stat?.[0] === 'Z' || stat?.[0] === 'X') return false
  const started = stat?.[19]
  return owner.started === undefined || started === undefined || started === owner.started
}

const ignoreMissing = (work: () => void) => {
  try {
    work()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

/** Claims `file` for this process, clearing a claim and a lock left by one that died; throws while a live process holds it. */
export function claimFile(file: string): FileClaim {
  const path = `${file}.owner`
  const mine: Owner = { pid: process.pid, host: hostname(), started: startTime(process.pid) }
  const draft = `${path}.${process.pid}`
  writeFileSync(draft, JSON.stringify(mine))
  let cleared: number | undefined
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(draft, path) // atomic, and fails if a claim exists: two processes never both win
        break
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt === 3) throw error
      }
      const owner = readOwner(path)
      if (owner && isAlive(owner)) {
        // Another machine's process cannot be asked: the person who knows it is gone removes its claim.
        const elsewhere = owner.host === mine.host ? '' : ` on ${owner.host} (if nothing runs there any more, remove ${path})`
        throw new Error(
          `${file} is in use by process ${owner.pid}${elsewhere}: is the demo already running? Stop it, or give this one another CHAT_DB.`,
        )
      }
      cleared = owner?.pid ?? 0
      ignoreMissing(() => unlinkSync(path))
    }
  } finally {
    unlinkSync(draft)
  }
  // Ours now, so no live process of the demo can hold SQLite's lock: one that is there is stale.
  ignoreMissing(() => rmdirSync(`${file}.lock`))
  return {
    cleared,
    release() {
      if (readOwner(path)?.pid === process.pid) ignoreMissing(() => unlinkSync(path))
    },
  }
}

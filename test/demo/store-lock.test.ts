// @vitest-environment node
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { afterEach, expect, it, vi } from 'vitest'
import { openSqliteLog } from '../../demo/server/log/sqlite-log'
import { tempStore } from './helpers'
import { repoRoot, startProcess, type Running } from './processes'

const store = tempStore()
const children: Running[] = []
afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.stop('SIGKILL')))
  store.remove()
})

const fixture = 'test/demo/fixtures/store-crash.ts'

it('opens a store whose last owner was killed mid-transaction: its lock is cleared, committed events kept, the half-written one gone', async () => {
  const crashed = spawnSync(process.execPath, ['--import', 'tsx', fixture, 'crash', store.file], { cwd: repoRoot, encoding: 'utf8' })
  expect(crashed.signal).toBe('SIGKILL')
  expect(existsSync(`${store.file}.lock`)).toBe(true) // what used to block every later start
  expect(existsSync(`${store.file}-journal`)).toBe(true)

  const log = openSqliteLog({ file: store.file })
  try {
    expect(existsSync(`${store.file}.lock`)).toBe(false)
    const history = await log.history(10)
    expect(history.messages.map((message) => message.text)).toEqual(['one', 'two', 'three'])
    const next = await log.append('usermessage', { username: 'bob', text: 'after the crash', time: new Date().toISOString() })
    expect(next.id).toBe('4')
  } finally {
    await log.close()
  }
  // Closed cleanly: the next open finds nothing to clear.
  expect(existsSync(`${store.file}.owner`)).toBe(false)
})

it('never takes the store from a live process: a second open fails with a clear error, and works once that process is gone', async () => {
  const holder = await startProcess(process.execPath, ['--import', 'tsx', fixture, 'hold', store.file], {}, /holding the store/)
  children.push(holder)
  expect(() => openSqliteLog({ file: store.file })).toThrow(
    new RegExp(`in use by process ${holder.child.pid}: is the demo already running\\?`),
  )

  await holder.stop('SIGKILL')
  const log = openSqliteLog({ file: store.file })
  expect((await log.history(10)).messages).toHaveLength(3)
  // Nor from this very process, while it has the store open.
  expect(() => openSqliteLog({ file: store.file })).toThrow(new RegExp(`in use by process ${process.pid}`))
  await log.close()
})

it('takes the store from an owner killed but not yet reaped by its parent (a zombie, which still answers kill -0)', async () => {
  // `exec sleep` makes sleep the holder's parent, and sleep never reaps the children it inherited.
  const script = `${process.execPath} --import tsx ${fixture} hold ${store.file} & exec sleep 60`
  const parent = await startProcess('sh', ['-c', script], {}, /holding the store as \d+/)
  children.push(parent)
  const holder = Number(/holding the store as (\d+)/.exec(parent.output())?.[1])
  process.kill(holder, 'SIGKILL')
  await vi.waitFor(() => expect(readFileSync(`/proc/${holder}/stat`, 'utf8')).toMatch(/\) Z /))
  const log = openSqliteLog({ file: store.file })
  expect((await log.history(10)).messages).toHaveLength(3)
  await log.close()
})

it('leaves the claim of a process on another machine alone, and says how to clear it', async () => {
  await openSqliteLog({ file: store.file }).close()
  writeFileSync(`${store.file}.owner`, JSON.stringify({ pid: 1, host: 'elsewhere', started: '1' }))
  expect(() => openSqliteLog({ file: store.file })).toThrow(
    `in use by process 1 on elsewhere (if nothing runs there any more, remove ${store.file}.owner)`,
  )
  expect(existsSync(`${store.file}.owner`)).toBe(true)
})

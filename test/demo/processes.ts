import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/** A port nothing listens on right now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  if (typeof address !== 'object' || address === null) throw new Error('no port')
  return address.port
}

export interface Running {
  readonly child: ChildProcess
  /** Everything it printed. */
  output(): string
  /** Sends `signal` to its whole process group (as Ctrl-C in a terminal does) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>
}

/** Starts a command in a process group of its own and resolves once it prints `ready`. */
export async function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<Running> {
  const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, detached: true })
  let output = ''
  const exited = once(child, 'exit')
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (ready.test(output)) resolve()
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited (${code}) before it was ready:\n${output}`)))
  })
  return {
    child,
    output: () => output,
    async stop(signal = 'SIGINT') {
      if (child.exitCode !== null || child.signalCode !== null) return
      if (child.pid !== undefined) process.kill(-child.pid, signal)
      await exited
    },
  }
}

/** Debian's redis-server, where it is installed. */
export function redisServerPath(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim()
  return found || undefined
}

/** A throwaway Redis on 127.0.0.1 and a port of its own, with persistence off. */
export async function startRedis(binary: string) {
  const port = await freePort()
  const redis = await startProcess(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {},
    /Ready to accept connections/,
  )
  return { url: `redis://127.0.0.1:${port}`, stop: () => redis.stop('SIGTERM') }
}

/** `demo/server/main.ts` as `npm run demo` runs it, here serving only the API. */
export async function startDemoServer(env: NodeJS.ProcessEnv) {
  const port = await freePort()
  const running = await startProcess(
    process.execPath,
    ['--import', 'tsx', 'demo/server/main.ts'],
    { HOST: '127.0.0.1', PORT: String(port), DEMO_API_ONLY: '1', ...env },
    /sse-hooks demo: http/,
  )
  return { ...running, base: `http://127.0.0.1:${port}` }
}

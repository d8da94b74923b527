import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'

export type ServerHandle = { child: ChildProcess; output: () => string }

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/**
 * `npm start` (scripts/start.mjs) on DATA_DIR=dataDir: build if needed, migrate, seed if empty, serve.
 * Ready when `readyPath` answers 200; its route is the one that starts Payload in the server.
 */
export async function startProduct(
  port: number,
  dataDir: string,
  extraEnv: Record<string, string> = {},
  { readyPath = '/api/cancer-types?limit=1' }: { readyPath?: string } = {},
): Promise<ServerHandle> {
  let output = ''
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    SERVER_URL: `http://127.0.0.1:${port}`,
    ...extraEnv,
  }
  for (const key of ['DATABASE_URL', 'PAYLOAD_SECRET', 'SEED_DEMO', 'NODE_ENV', 'TEST_DATABASE'] as const) delete env[key]
  const child = spawn(process.execPath, ['scripts/start.mjs'], { env, detached: true })
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const handle = { child, output: () => output }
  const deadline = Date.now() + 8 * 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output.slice(-3000)}`)
    const up = await fetch(`http://127.0.0.1:${port}${readyPath}`).then(
      (response) => response.ok,
      () => false,
    )
    if (up) return handle
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  // Not left running (it is detached): the test's afterAll never gets a handle to stop.
  process.kill(-child.pid!, 'SIGTERM')
  throw new Error(`npm start was not serving after 8 minutes:\n${output.slice(-3000)}`)
}

export function stopProduct(handle: { child: ChildProcess }): Promise<void> {
  return new Promise<void>((resolve) => {
    if (handle.child.exitCode !== null) return resolve()
    handle.child.once('exit', () => resolve())
    process.kill(-handle.child.pid!, 'SIGTERM')
  })
}

/** Logs in over HTTP and returns the session cookie. */
export async function sessionCookie(base: string, email: string, password = 'demo-password'): Promise<string> {
  const login = await fetch(`${base}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (login.status !== 200) throw new Error(`Login failed for ${email}: ${login.status}`)
  return login.headers.get('set-cookie')!.split(';')[0]!
}

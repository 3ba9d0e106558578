// Starting and stopping the .NET servers the Node tests talk to (built by run.sh): a free loopback
// port, a process that answers on it, and a stop that waits for the process to exit, so a test can
// start the same server again on the same port.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../../', import.meta.url));

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** Runs `dll` on `port` and resolves with its process once `probe` (a path) answers 2xx or 404. */
export async function startServer(dll, port, probe = '/') {
  const server = spawn('dotnet', [dll, '--urls', `http://127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  server.stdout.on('data', (chunk) => { log += chunk; });
  server.stderr.on('data', (chunk) => { log += chunk; });
  server.log = () => log;
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) {
      throw new Error(`${dll} exited (${server.exitCode}):\n${log}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}${probe}`);
      if (response.ok || response.status === 404) {
        return server;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill('SIGKILL');
  throw new Error(`${dll} did not answer within 30 s:\n${log}`);
}

/** Stops the server (SIGTERM, then SIGKILL after 10 s) and waits until it has exited. */
export async function stopServer(server) {
  if (server.exitCode === null && server.signalCode === null) {
    const exited = once(server, 'exit');
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

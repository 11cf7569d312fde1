// Starts the built server (`npm run build` first) with the node that runs this script, the way a
// deployment does (`node dist/src/main.js`), with an embedded PostgreSQL in a temporary folder;
// waits for /readyz, runs one query with a development token, stops it with SIGTERM and checks
// that it and its PostgreSQL are gone. Used by .ci/run to try a Node version the suite does not
// run on. Exit status 0 when all of that held.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function main() {
  const started = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-smoke-'));
  const env = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: path.join(dataDir, '.data'),
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  const server = spawn(process.execPath, [path.join(root, 'dist', 'src', 'main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('not ready within 180 s')), 180_000);
      const onData = (chunk) => {
        output += chunk;
        const match = /Polku is running: (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      server.stdout.on('data', onData);
      server.stderr.on('data', onData);
      exited.then((exit) => {
        clearTimeout(timer);
        reject(new Error(`exited before it was ready: ${JSON.stringify(exit)}`));
      });
    });
    const ready = await fetch(new URL('/readyz', url));
    if (ready.status !== 200) throw new Error(`/readyz answered ${ready.status}`);

    const { loadConfig } = require(path.join(root, 'dist', 'src', 'platform', 'config'));
    const { signDevelopmentToken } = require(path.join(root, 'dist', 'src', 'platform', 'auth', 'tokens'));
    // The demo's ADMIN persona: a token carries an identity, which the demo data links to a user.
    const { personas } = require(path.join(root, 'dist', 'src', 'demo', 'personas'));
    const admin = personas.find((persona) => persona.role === 'ADMIN');
    const token = await signDevelopmentToken(loadConfig({}), { subject: admin.subject });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ trainees(first: 1) { totalCount } }' }),
    });
    const body = await response.json();
    const count = body?.data?.trainees?.totalCount;
    if (!(count > 0)) throw new Error(`unexpected answer: ${JSON.stringify(body)}`);
    const readyAfter = ((Date.now() - started) / 1000).toFixed(1);

    server.kill('SIGTERM');
    const exit = await exited;
    if (exit.code !== 0) throw new Error(`exit after SIGTERM: ${JSON.stringify(exit)}`);
    if (fs.existsSync(path.join(env.DATA_DIR, 'postgres', 'postmaster.pid'))) throw new Error('the embedded PostgreSQL is still running');
    process.stdout.write(
      `Node ${process.version}: the built server started with an embedded PostgreSQL (${readyAfter} s), answered (${count} trainees) and stopped cleanly on SIGTERM.\n`,
    );
  } catch (error) {
    // The whole group: the embedded PostgreSQL too.
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
    process.stderr.write(`Smoke test on Node ${process.version} failed: ${error.message}\n${output.slice(-4000)}\n`);
    process.exitCode = 1;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main();

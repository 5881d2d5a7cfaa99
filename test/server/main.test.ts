/**
 * `node src/server/main.ts` as `npm start` runs it: which interface it listens on, and what it prints.
 * The sample catalog's demo keys are public, so a plain start must not open the inbox to the network.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { removeDir, tempDir } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Starts the backend with the sample catalog; resolves with its start-up text once it listens. */
function start(env: Record<string, string | undefined>): { child: ChildProcess; output: Promise<string> } {
  const dataDir = tempDir();
  const { HOST: _host, PORT: _port, OZG_CATALOG_DIR: _catalog, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...inherited, OZG_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.once('exit', () => removeDir(dataDir));
  const output = new Promise<string>((resolve, reject) => {
    let text = '';
    const read = (chunk: Buffer) => {
      text += chunk.toString();
      // The whole block is written at once and ends with an empty line.
      if (/API:[\s\S]*\n\n$/.test(text)) resolve(text);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`backend exited (${code}): ${text}`)));
  });
  return { child, output };
}

describe('npm start (src/server/main.ts)', () => {
  const children: ChildProcess[] = [];
  after(async () => {
    await Promise.all(
      children.map((child) => {
        if (child.exitCode !== null || child.signalCode !== null) return undefined;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        return exited;
      }),
    );
  });

  it('listens on 127.0.0.1 only when HOST is not set, and prints that address', async () => {
    const server = start({});
    children.push(server.child);
    const text = await server.output;
    const api = /API:\s+(\S+)/.exec(text)?.[1];
    assert.match(api ?? '', /^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/, text);
    const port = new URL(api!).port;
    const res = await fetch(`${api}/openapi.json`);
    assert.equal(res.status, 200);
    // Another loopback address reaches a server on every interface, but not one bound to 127.0.0.1.
    await assert.rejects(fetch(`http://127.0.0.2:${port}/healthz`, { signal: AbortSignal.timeout(3000) }));
    assert.match(text, /demo-stadt-heide-buergerbuero/, 'the sample catalog prints its demo keys');
    assert.doesNotMatch(text, /every network interface/);
  });

  it('warns about the public demo keys when HOST=0.0.0.0 listens on every interface', async () => {
    const server = start({ HOST: '0.0.0.0' });
    children.push(server.child);
    const text = await server.output;
    assert.match(text, /API:\s+http:\/\/localhost:\d+\/api\/v1/, text);
    assert.match(
      text,
      /HOST=0\.0\.0\.0 listens on every network interface, and the demo keys above are public/,
    );
  });
});

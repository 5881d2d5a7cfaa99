// `npm start`: builds the widgets (when possible), then runs the reference backend.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (process.env.OZG_SKIP_BUILD !== '1') {
  const build = spawnSync(npm, ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.warn('Warning: the widget build failed; serving the API and the last built widgets (if any).');
  }
}
if (!existsSync(new URL('../dist/ozg-widgets.js', import.meta.url))) {
  console.warn('Warning: dist/ozg-widgets.js is missing; the demo page will show no widgets.');
}

const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

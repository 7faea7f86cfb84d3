// vitest globalSetup: tests drive the built bundles (dist/index.js, dist/cli/index.js through
// bin/istio-canary.js), so each vitest invocation runs `npm run build` once first, unless the
// previous build was made from the same sources and dist/ has not changed since. A lock
// (mkdir is atomic) keeps parallel invocations from building at the same time; a lock left
// by a dead process is taken over. ISTIO_CANARY_SKIP_BUILD=1 skips the build (CI builds
// separately, or when dist/ is known to be fresh).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const lockDir = join(root, '.tmp', 'build.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock, waiting for its holder to release it (or to die). */
async function lock(): Promise<void> {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let holder = NaN;
    try {
      holder = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
    } catch {
      // The holder is between mkdir and writing its pid, or just released the lock.
    }
    if (Number.isInteger(holder) && holder > 0 && !alive(holder)) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    // Wait for the lock folder to go (a watch on .tmp), re-checking the holder now and then.
    await new Promise<void>((done) => {
      const watcher = watch(join(root, '.tmp'), () => finish());
      const timer = setTimeout(() => finish(), 1000);
      function finish(): void {
        watcher.close();
        clearTimeout(timer);
        done();
      }
    });
  }
}

function build(): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`npm run build exited ${code}:\n${output.slice(-4000)}`)),
    );
  });
}

/** Files whose content makes the bundles: a build from the same content gives the same dist/. */
const INPUTS = [
  'src',
  'build',
  'scripts/check-licenses.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];

function filesUnder(path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { recursive: true })
    .map((f) => join(path, String(f)))
    .filter((f) => statSync(join(root, f)).isFile())
    .sort();
}

/** What dist/ was built from (input contents) and what it is (names, sizes, mtimes). */
function fingerprint(): { inputs: string; dist: string } {
  const inputs = createHash('sha256');
  for (const f of INPUTS.flatMap(filesUnder)) inputs.update(`${f}\0`).update(readFileSync(join(root, f)));
  const dist = createHash('sha256');
  for (const f of filesUnder('dist')) {
    const st = statSync(join(root, f));
    dist.update(`${f}\0${st.size}\0${st.mtimeMs}\0`);
  }
  return { inputs: inputs.digest('hex'), dist: dist.digest('hex') };
}

const stampFile = join(root, '.tmp', 'build-stamp.json');

export default async function setup(): Promise<void> {
  if (process.env.ISTIO_CANARY_SKIP_BUILD === '1') return;
  await lock();
  try {
    // Another invocation may have just built these very sources, and dist/ is still what it made.
    const before = fingerprint();
    const stamp = existsSync(stampFile)
      ? (JSON.parse(readFileSync(stampFile, 'utf8')) as typeof before)
      : null;
    if (stamp?.inputs === before.inputs && stamp.dist === before.dist) return;
    await build();
    const after = fingerprint();
    if (after.inputs === before.inputs) writeFileSync(stampFile, JSON.stringify(after));
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

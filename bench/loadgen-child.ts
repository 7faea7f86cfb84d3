// Runs `istio-canary load` in its own process for bench/loadgen.ts (each tool gets a process).
// `--rss-every MS` samples the resident set size and prints it on stderr as one JSON line.
import { runLoadCommand } from '../src/traffic/command.js';

const argv = process.argv.slice(2);
const at = argv.indexOf('--rss-every');
const rss: number[] = [];
let timer: NodeJS.Timeout | undefined;
if (at >= 0) {
  const every = Number(argv[at + 1]);
  argv.splice(at, 2);
  timer = setInterval(() => rss.push(process.memoryUsage().rss), every);
}
const ac = new AbortController();
process.once('SIGTERM', () => ac.abort());
const code = await runLoadCommand(
  argv,
  { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) },
  ac.signal,
);
if (timer) {
  clearInterval(timer);
  process.stderr.write(`${JSON.stringify({ rss })}\n`);
}
process.exitCode = code;

// Ingress throughput of the embedded mesh's data plane, measured with hey and wrk (Debian packages),
// against a bare Node HTTP server answering the same body in the same process (the ratio is the figure).
//
//   npx tsx bench/ingress.ts [--duration 10] [--connections 50]
//
// Scenarios: "0 ms app" (pure ingress + routing + metrics cost) and "20 ms app" (a realistic service
// time: the ingress should then deliver connections / 20 ms, i.e. not be the bottleneck).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryConfigSource, startDataPlane } from '../src/sim/dataplane/index.js';
import type { KubeObject } from '../src/sim/types.js';

interface Args {
  duration: number;
  connections: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { duration: 10, connections: 50 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    if (argv[i] === '--duration' && value > 0) args.duration = value;
    else if (argv[i] === '--connections' && value > 0) args.connections = value;
    else
      throw new Error(
        `unknown or invalid argument ${argv[i]} ${argv[i + 1]} (--duration S, --connections N)`,
      );
  }
  return args;
}

function runTool(cmd: string, argv: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', (err) => reject(new Error(`${cmd}: ${err.message} (apt-get install -y hey wrk)`)));
    child.once('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}:\n${out}`)),
    );
  });
}

interface Result {
  rps: number;
  p50: string;
  p99: string;
  errors: number;
}

async function hey(url: string, host: string, a: Args): Promise<Result> {
  const out = await runTool('hey', ['-z', `${a.duration}s`, '-c', String(a.connections), '-host', host, url]);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const q = (p: string): string => {
    const s = new RegExp(`${p}% in ([\\d.]+) secs`).exec(out)?.[1];
    return s === undefined ? '?' : `${(Number(s) * 1000).toFixed(1)} ms`;
  };
  const codes = [...out.matchAll(/\[(\d{3})\]\s+(\d+) responses/g)];
  const errors = codes.filter((m) => m[1] !== '200').reduce((s, m) => s + Number(m[2]), 0);
  return { rps, p50: q('50'), p99: q('99'), errors };
}

async function wrk(url: string, host: string, a: Args): Promise<Result> {
  const out = await runTool('wrk', [
    '-t',
    '2',
    '-c',
    String(a.connections),
    '-d',
    `${a.duration}s`,
    '--latency',
    '-H',
    `Host: ${host}`,
    url,
  ]);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const q = (p: string): string =>
    /\s+(\d+%)\s+([\d.]+\w+)/g.exec(out.slice(out.indexOf(` ${p}%`) - 1))?.[2] ?? '?';
  const errors = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  return { rps, p50: q('50'), p99: q('99'), errors };
}

function objects(latency: string): KubeObject[] {
  const labels = { app: 'podinfo', version: 'v1' };
  return [
    {
      kind: 'Deployment',
      metadata: { name: 'podinfo', namespace: 'bench' },
      spec: {
        template: {
          metadata: { labels, annotations: { 'sim.istio-canary.dev/latency': latency } },
          spec: { containers: [{ image: 'stefanprodan/podinfo:6.0.0' }] },
        },
      },
      status: { availableReplicas: 1 },
    },
    {
      kind: 'Service',
      metadata: { name: 'podinfo', namespace: 'bench' },
      spec: { selector: { app: 'podinfo' } },
    },
    {
      kind: 'DestinationRule',
      metadata: { name: 'podinfo', namespace: 'bench' },
      spec: { host: 'podinfo', subsets: [{ name: 'v1', labels: { version: 'v1' } }] },
    },
    {
      kind: 'VirtualService',
      metadata: { name: 'podinfo', namespace: 'bench' },
      spec: {
        hosts: ['podinfo'],
        http: [
          {
            route: [
              {
                destination: { host: 'podinfo', subset: 'v1' },
                weight: 100,
                headers: { response: { set: { 'x-version': 'v1' } } },
              },
            ],
          },
        ],
      },
    },
  ];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const rows: string[] = [];
  const body = JSON.stringify({ hostname: 'podinfo-0', version: 'v1', message: 'greetings from podinfo v1' });
  const bare = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

  for (const [name, latency] of [
    ['0 ms app', '0ms'],
    ['20 ms app', '20ms'],
  ] as const) {
    const plane = await startDataPlane({ config: createMemoryConfigSource(objects(latency)), seed: 1 });
    try {
      for (const [tool, fn] of [
        ['hey', hey],
        ['wrk', wrk],
      ] as const) {
        const sim = await fn(`${plane.ingressUrl}/`, 'podinfo', args);
        let ratio: string;
        if (latency === '0ms') {
          const base = await fn(bareUrl, 'podinfo', args);
          rows.push(
            `| ${name} | ${tool} | bare node:http | ${base.rps.toFixed(0)} | ${base.p50} | ${base.p99} | ${base.errors} | 1.00 |`,
          );
          ratio = (sim.rps / base.rps).toFixed(2);
        } else {
          // The ceiling with a 20 ms service time is connections / 20 ms.
          ratio = `${(sim.rps / (args.connections / 0.02)).toFixed(2)} of ceiling`;
        }
        rows.push(
          `| ${name} | ${tool} | sim ingress | ${sim.rps.toFixed(0)} | ${sim.p50} | ${sim.p99} | ${sim.errors} | ${ratio} |`,
        );
        console.error(rows.at(-1));
      }
    } finally {
      await plane.close();
    }
  }
  await new Promise<void>((resolve) => {
    bare.close(() => resolve());
    bare.closeAllConnections();
  });
  console.log(
    `${args.connections} connections, ${args.duration} s per run, tools and server on the same machine\n`,
  );
  console.log('| scenario | tool | target | req/s | p50 | p99 | non-2xx | ratio |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
}

await main();

// Inputs refused through the CLI process before anything is contacted: a prometheus-url with
// user:password@ (fetch cannot send it; the credentials belong in prometheus-auth, and the
// password never appears in the error), and the `load` subcommand's --rps, --host,
// --connections and --duration checked with the same bounds as run's load-* inputs.
import { describe, expect, it } from 'vitest';
import { runCli } from './support/action-run.js';

describe('prometheus-url with credentials', () => {
  it('is refused at validation, pointing to prometheus-auth, without printing the password', async () => {
    const r = await runCli(
      [
        'run',
        '--cluster',
        'existing',
        '--namespace',
        'test',
        '--manifests',
        'examples/podinfo/*.yaml',
        '--metrics',
        'prometheus',
        '--prometheus-url',
        'http://alice:s3cretpw@127.0.0.1:9/',
      ],
      { KUBECONFIG: '/nonexistent/kubeconfig' },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/prometheus-url: .*contains credentials .*prometheus-auth/);
    expect(r.stdout + r.stderr).not.toContain('s3cretpw');
    // Validation only: no kubeconfig was read, nothing was contacted.
    expect(r.stdout + r.stderr).not.toMatch(/Using the kubeconfig|nonexistent/);
  });
});

describe('load subcommand bounds', () => {
  const load = (...flags: string[]) => runCli(['load', '--url', 'http://127.0.0.1:9/', ...flags]);

  it.each([
    [['--rps', '100000000'], /--rps: "100000000" is not a number from 0 to 100000/],
    [['--connections', '5000'], /--connections: "5000" is not a number from 1 to 1000/],
    [['--host', 'a b'], /--host: "a b" is not a host name/],
    [['--host', 'x:99999'], /--host: "x:99999" has port 99999, outside 1-65535/],
    [['--rps', '0', '--duration', '0s'], /--duration: "0s" is no time at all/],
  ])('%j is a named error, nothing sent', async (flags, message) => {
    const r = await load(...flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).not.toMatch(/requests in/);
  });
});

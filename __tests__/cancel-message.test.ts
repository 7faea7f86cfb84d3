// The last line of a cancelled run (src/main.ts cancelledMessage): it says what cancelled it and
// what the cluster holds, including a weight write that was sent but never confirmed (the API
// server went silent under it), so the canary may be there and the rollback command is given.
import { describe, expect, it } from 'vitest';
import { cancelledMessage } from '../src/main.js';
import { settingsFor } from './support/promote-cluster.js';

const settings = settingsFor({
  namespace: 'test',
  manifests: 'examples/podinfo/*.yaml',
  cluster: 'existing',
  metrics: 'loadgen',
  'load-url': 'http://127.0.0.1:8080/',
});
const reason = new Error('Received SIGINT: stopping (on-cancel: rollback).');
const kube = (written: string[]) => ({ written });

describe('cancelledMessage', () => {
  it('nothing written: says so and gives no rollback command', () => {
    expect(cancelledMessage(settings, reason, { kube: kube([]), weight: null, sent: null })).toBe(
      'cancelled by SIGINT: stopped before anything was written; nothing was changed',
    );
  });

  it('a weight sent and never confirmed: the canary may be there, and how to roll back', () => {
    const m = cancelledMessage(settings, reason, {
      kube: kube(['applied Deployment test/podinfo-canary', 'replaced VirtualService test/podinfo']),
      weight: 0,
      sent: 30,
    });
    expect(m).toMatch(
      /^cancelled by SIGINT: stopped after writing applied Deployment test\/podinfo-canary, /,
    );
    expect(m).toContain(
      'the canary is at 0% (the last weight the API server confirmed); a write of canary 30% was sent and not confirmed, so the canary may be at 30%; to move it back, run: istio-canary rollback',
    );
  });

  it('a sent weight that was confirmed is not called unconfirmed', () => {
    const m = cancelledMessage(settings, reason, {
      kube: kube(['replaced VirtualService test/podinfo']),
      weight: 30,
      sent: 30,
    });
    expect(m).not.toContain('not confirmed');
    expect(m).toContain(
      'the canary is at 30% (the last weight the API server confirmed); to move it back, run:',
    );
  });

  it('no weight ever confirmed but one sent: still the rollback command', () => {
    const m = cancelledMessage(settings, reason, {
      kube: kube(['applied Namespace test']),
      weight: null,
      sent: 10,
    });
    expect(m).toContain(
      'no traffic weight was confirmed; a write of canary 10% was sent and not confirmed, so the canary may be at 10%; to move it back, run: istio-canary rollback',
    );
  });
});

// The action's entry: the bundle runs as `main` and as `post` (action.yml); core.getState
// tells them apart, as actions/checkout does. The only file with a top-level call. Each step
// loads only its own code (a separate chunk of the bundle).
import * as core from '@actions/core';

const isPost = core.getState('isPost') === 'true';
if (!isPost) core.saveState('isPost', 'true');
// Last resort: an error that escaped main/post still fails the step, redacted and neutralised.
await (isPost ? import('./post.js').then((m) => m.post()) : import('./main.js').then((m) => m.run())).catch(
  async (e: unknown) => {
    const { safeLogText } = await import('./redact.js');
    core.setFailed(safeLogText(e instanceof Error ? e.message : String(e)));
  },
);

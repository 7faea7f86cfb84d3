// The action's entry: the bundle runs as `main` and as `post` (action.yml); core.getState
// tells them apart, as actions/checkout does. The only file with a top-level call. Each step
// loads only its own code (a separate chunk of the bundle).
import * as core from '@actions/core';

const isPost = core.getState('isPost') === 'true';
if (!isPost) core.saveState('isPost', 'true');
await (isPost ? import('./post.js').then((m) => m.post()) : import('./main.js').then((m) => m.run()));

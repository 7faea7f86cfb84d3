// The action's entry: the bundle runs as `main` and as `post` (action.yml); core.getState
// tells them apart, as actions/checkout does. The only file with a top-level call.
import * as core from '@actions/core';
import { run } from './main.js';
import { post } from './post.js';

const isPost = core.getState('isPost') === 'true';
if (!isPost) core.saveState('isPost', 'true');
await (isPost ? post() : run());

// ncc entry of the CLI bundle (dist/cli/index.js), imported by bin/istio-canary.js.
export { main } from '../src/cli.js';

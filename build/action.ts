// ncc entry of the action bundle (dist/index.js): src/index.ts is the entry; this folder's
// tsconfig.json only lets ncc transpile the sources as ES modules without type-checking
// them (tsc --noEmit does that in CI), so one file in progress elsewhere never breaks a build.
import '../src/index.js';

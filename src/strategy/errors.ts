// The one error of the strategy planning (issue 15): a bad combination of strategy, route and
// match found before anything is written. validateStrategy returns them all; the transforms
// throw one when called on a combination validation would have refused.
import { IstioCanaryError } from '../errors.js';

/** Which bad combination: stable codes for tests and the report; the message is for people. */
export type StrategyErrorCode =
  | 'match-empty'
  | 'match-conflict'
  | 'match-shadowed'
  | 'match-too-large'
  | 'mirror-unsupported'
  | 'mirror-exists'
  | 'mirror-percent-range'
  | 'preview-missing'
  | 'preview-host-live'
  | 'preview-host-not-served'
  | 'preview-host-unsupported'
  | 'shared-route'
  | 'duplicate-service'
  | 'route-kind-ambiguous'
  | 'route-kind-unsupported'
  | 'reserved-name';

/** A bad combination: the message names the objects and what to change; `objects` lists them as `Kind namespace/name`. */
export class StrategyError extends IstioCanaryError {
  constructor(
    readonly code: StrategyErrorCode,
    message: string,
    readonly objects: string[] = [],
  ) {
    super(message);
  }

  /** JSON form (an Error's own fields are not enumerable). */
  toJSON(): { code: StrategyErrorCode; message: string; objects: string[] } {
    return { code: this.code, message: this.message, objects: this.objects };
  }
}

// The `gates` input parsed (pure, light: settings.ts loads it). PLACEHOLDER: replaced by the gates work.
import { InvalidValueError } from '../input-parsers.js';

export interface GateSpec {
  name: string;
}

export function parseGates(raw: string): GateSpec[] {
  throw new InvalidValueError(`is not supported yet (${raw.length} characters)`);
}

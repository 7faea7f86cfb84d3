// The `checks` input parsed (pure, light: settings.ts loads it). PLACEHOLDER: replaced by the checks work.
import { InvalidValueError } from '../input-parsers.js';

export interface CheckSpec {
  name: string;
}

export function parseChecks(raw: string): CheckSpec[] {
  throw new InvalidValueError(`is not supported yet (${raw.length} characters)`);
}

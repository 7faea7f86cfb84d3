// The one "is this a JSON object" test (not null, not an array) for code that walks parsed
// JSON/YAML, so it is defined once in src/ (issue 14) instead of once per module.

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

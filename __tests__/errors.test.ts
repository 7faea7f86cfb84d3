// The error convention (src/errors.ts): every subclass is named after its class and keeps its cause.
import { describe, expect, it } from 'vitest';
import { IstioCanaryError } from '../src/errors.js';

class ExampleError extends IstioCanaryError {}

describe('IstioCanaryError', () => {
  it('names a subclass after its class and keeps the cause', () => {
    const cause = new Error('socket hang up');
    const e = new ExampleError('the API server did not answer', { cause });
    expect(e).toBeInstanceOf(IstioCanaryError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ExampleError');
    expect(e.cause).toBe(cause);
    expect(String(e)).toBe('ExampleError: the API server did not answer');
  });
});

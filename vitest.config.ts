import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    // Builds dist/ once per invocation (the tests drive the bundles); ISTIO_CANARY_SKIP_BUILD=1 skips it.
    globalSetup: ['__tests__/support/build-once.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests start servers on random loopback ports; two workers match the 2-core machine.
    maxWorkers: 2,
  },
});

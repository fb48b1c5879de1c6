import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 60_000,
    // `.only` would silently run a subset: refused in CI (CI=true, set by .ci/run), allowed while working.
    allowOnly: !process.env.CI,
  },
});

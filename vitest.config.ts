import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Tests that use the real model share one provisioned copy; fetching it happens once, before any test.
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Two cores: files in parallel would only fight over the model's threads.
    fileParallelism: false,
  },
});

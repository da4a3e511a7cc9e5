import { defineConfig } from 'vitest/config';

// The tests never read a developer's .env (a DISCORD_TOKEN there would start the bot where a test expects the chat);
// the commands they start inherit this, and a test that means to read a settings file names its own.
process.env.ENV_FILE = '/dev/null';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Tests that use the real model share one provisioned copy; fetching it happens once, before any test.
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/page-checksums-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Two cores: files in parallel would only fight over the model's threads.
    fileParallelism: false,
  },
});

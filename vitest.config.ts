import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Parsers must stay linear; a runaway test should fail, not hang CI.
    testTimeout: 20_000,
  },
});

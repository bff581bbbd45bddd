import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Vitest's default for a run is one worker less than the cores: on a 2-core machine that is
    // one, and the suite ran file after file. Many tests wait on child processes, so every core
    // gets a worker.
    maxWorkers: availableParallelism(),
    // A safety net against a real hang only: no test asserts a duration (owners' rule).
    testTimeout: 20_000,
  },
});

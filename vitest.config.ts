import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Vitest's default for a run is one worker less than the cores: on a 2-core machine that is
    // one, and the suite ran file after file. Many tests wait on child processes, so every core
    // gets a worker.
    maxWorkers: availableParallelism(),
    // A worker imports the sources once for all its test files instead of once per file (a
    // third of the suite's CPU time went to imports). No test mocks a module or changes
    // process-wide state that another file could see (files pass in shuffled order); a test that
    // needs vi.mock would see modules already loaded by other files, and must run isolated.
    isolate: false,
    // A generous safety net against a real hang only: no test asserts a duration (owners' rule;
    // linear work is counted, see test/support/work.ts). Per-test timeouts in the files are the same.
    testTimeout: 60_000,
  },
});

// SPDX-License-Identifier: Apache-2.0
// One vitest run covers unit, integration (real sshd) and e2e (Debian Chromium) tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: e2e and sshd tests start processes of their own.
    maxWorkers: 2,
    reporters: ['default'],
  },
});

import { defineConfig } from 'vitest/config';

/** Tests run against the sources of workspace packages (the `@bimmer/source` export condition). */
export const sourceConditions = ['@bimmer/source', 'node', 'import', 'module', 'default'];

/**
 * The vitest configuration every package shares; `name` makes `vitest --project <name>` work. The
 * timeout only bounds a hung test (many tests start real processes and servers): it is generous so
 * that a loaded machine does not fail a correct test; speed is measured in `pnpm bench`.
 */
export function packageTests(name: string, testTimeout = 120_000) {
  return defineConfig({
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions, externalConditions: sourceConditions } },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      restoreMocks: true,
      testTimeout,
      hookTimeout: testTimeout,
    },
  });
}

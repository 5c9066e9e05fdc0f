import { defineConfig } from 'vitest/config';

/** Tests run against the sources of workspace packages (the `@bimmer/source` export condition). */
export const sourceConditions = ['@bimmer/source', 'node', 'import', 'module', 'default'];

/** The vitest configuration every package shares; `name` makes `vitest --project <name>` work. */
export function packageTests(name: string, testTimeout = 30_000) {
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

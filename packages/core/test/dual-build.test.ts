import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Node-RED loads our CommonJS build while an application may load the ESM build: two copies of
// every class in one process. Errors must be recognised across them.
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const built = existsSync(`${dist}index.js`) && existsSync(`${dist}index.cjs`);

describe.skipIf(!built)(
  'errors across the ESM and CommonJS builds (skipped before `pnpm build`: dist is absent)',
  () => {
    it('isBimmerError and code checks work for an error from the other build', async () => {
      const esm: typeof import('../src/index') = await import(`${dist}index.js`);
      const cjs: typeof import('../src/index') = createRequire(import.meta.url)(`${dist}index.cjs`);
      expect(esm.BimmerQuotaError).not.toBe(cjs.BimmerQuotaError);
      const fromCjs = new cjs.BimmerQuotaError('Too many requests.');
      const fromEsm = new esm.BimmerAuthError('Log in again.');
      expect(fromCjs instanceof esm.BimmerError).toBe(false);
      expect(esm.isBimmerError(fromCjs, 'quota')).toBe(true);
      expect(cjs.isBimmerError(fromEsm, 'auth')).toBe(true);
      expect(esm.BimmerError.isInstance(fromCjs)).toBe(true);
      expect(esm.isBimmerError(fromCjs, 'auth')).toBe(false);
    });
  },
);

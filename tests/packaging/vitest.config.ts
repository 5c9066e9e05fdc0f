import { packageTests } from '../../vitest.shared.ts';

// Packing, one npm install and a few Node processes: minutes on a cold npm cache, not seconds.
export default packageTests('packaging', 240_000);

import { packageTests } from '../../vitest.shared.ts';

export default packageTests('node-red', 60_000);

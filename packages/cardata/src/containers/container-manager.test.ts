import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containerPurpose, descriptorSignature } from './container-manager';

describe('descriptor signature', () => {
  it('ignores order and duplicates, and differs for different sets', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 20 }),
        (descriptors) => {
          const shuffled = [...descriptors].reverse();
          expect(descriptorSignature(shuffled)).toBe(descriptorSignature([...descriptors, ...descriptors]));
          expect(descriptorSignature(descriptors)).not.toBe(
            descriptorSignature([...descriptors, `${descriptors[0]}x`]),
          );
        },
      ),
    );
    expect(containerPurpose({ name: 'bimmer', descriptors: ['a'] })).toMatch(
      /^bimmer telematics [0-9a-f]{12}$/,
    );
  });
});

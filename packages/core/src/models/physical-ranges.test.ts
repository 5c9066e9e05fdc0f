import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWithinPhysicalRange, PHYSICAL_RANGES, type PhysicalQuantity } from './physical-ranges';

const quantities = Object.keys(PHYSICAL_RANGES) as PhysicalQuantity[];

describe('physical ranges', () => {
  it('are the table of docs/json.md, row by row', () => {
    const docs = readFileSync(new URL('../../../../docs/json.md', import.meta.url), 'utf8');
    const rows = new Map<string, string[]>();
    for (const line of docs.split('\n')) {
      const cells = line.split('|').map((cell) => cell.trim());
      const name = /^`(\w+)`$/.exec(cells[1] ?? '')?.[1];
      if (name !== undefined && name in PHYSICAL_RANGES) rows.set(name, cells.slice(2, 5));
    }
    expect([...rows.keys()].sort()).toEqual([...quantities].sort());
    for (const quantity of quantities) {
      const range = PHYSICAL_RANGES[quantity];
      const [min, max, unit] = rows.get(quantity) ?? [];
      const number = (cell: string | undefined) => Number((cell ?? '').replaceAll(',', ''));
      expect([number(min), number(max), unit], quantity).toEqual([range.min, range.max, range.unit]);
    }
  });

  it('hold their bounds and nothing beyond them', () => {
    for (const quantity of quantities) {
      const { min, max } = PHYSICAL_RANGES[quantity];
      expect(isWithinPhysicalRange(quantity, min)).toBe(true);
      expect(isWithinPhysicalRange(quantity, max)).toBe(true);
      for (const bad of [
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        '50',
        null,
        undefined,
      ]) {
        expect(isWithinPhysicalRange(quantity, bad), `${quantity} ${String(bad)}`).toBe(false);
      }
    }
    expect(isWithinPhysicalRange('modelYear', 2024.5)).toBe(false);
    expect(isWithinPhysicalRange('percent', 99.5)).toBe(true);
  });

  it('a number is within its range exactly when min <= n <= max', () => {
    fc.assert(
      fc.property(fc.constantFrom(...quantities), fc.double({ noNaN: true }), (quantity, n) => {
        const range: { min: number; max: number; integer?: boolean } = PHYSICAL_RANGES[quantity];
        const expected = n >= range.min && n <= range.max && (range.integer !== true || Number.isInteger(n));
        expect(isWithinPhysicalRange(quantity, n)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

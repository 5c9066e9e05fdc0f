import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leafEntries, pickPaths, valueAtPath } from './json-paths';

const key = fc.constantFrom('a', 'b', 'c', 'mileage', 'fuelAndBattery');
const leaf = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.string({ maxLength: 4 }),
  fc.record({ value: fc.integer(), unit: fc.constantFrom('km', 'L') }),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const json = fc.letrec((tie) => ({
  node: fc.dictionary(key, fc.oneof({ depthSize: 'small' }, leaf, tie('node')), { maxKeys: 4 }),
})).node;

describe('JSON form paths', () => {
  it('picks exactly the asked fields, nested as in the form', () => {
    fc.assert(
      fc.property(json, (form) => {
        const paths = [...leafEntries(form).keys()];
        const picked = pickPaths(form, paths);
        expect([...leafEntries(picked)]).toEqual([...leafEntries(form)]);
      }),
    );
  });

  it('treats values with a unit and positions as one field, and ignores metadata', () => {
    const form = {
      mileage: { value: 1, unit: 'km' },
      vehicleLocation: { location: { latitude: 1, longitude: 2 } },
      fetchedAt: 'x',
      timestamp: 'y',
    };
    expect([...leafEntries(form).keys()]).toEqual(['mileage', 'vehicleLocation.location']);
  });

  it('walks lids and windows by name, as change events address them', () => {
    const trunk = { name: 'trunk', state: 'OPEN' };
    const form = {
      doorsAndWindows: {
        doorLockState: 'UNLOCKED',
        lids: [{ name: 'hood', state: 'CLOSED' }, trunk],
        windows: [{ name: 'leftFront', state: 'CLOSED' }],
      },
    };
    expect(valueAtPath(form, 'doorsAndWindows.lids.trunk')).toBe(trunk);
    expect(valueAtPath(form, 'doorsAndWindows.lids.frunk')).toBeUndefined();
    expect(pickPaths(form, ['doorsAndWindows.lids.trunk', 'doorsAndWindows.doorLockState'])).toEqual({
      doorsAndWindows: { lids: [trunk], doorLockState: 'UNLOCKED' },
    });
    expect(pickPaths(form, ['doorsAndWindows.lids.trunk', 'doorsAndWindows.lids.trunk'])).toEqual({
      doorsAndWindows: { lids: [trunk] },
    });
  });
});

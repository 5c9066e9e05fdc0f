import { describe, expect, it } from 'vitest';
import { applyMergePatch, changeInstant } from './state-change';

describe('applyMergePatch', () => {
  it('merges objects key by key, removes null keys and replaces everything else (RFC 7386)', () => {
    const target = { a: { b: 1, c: [1, 2] }, d: 'x', e: 1 };
    const patched = applyMergePatch(target, { a: { b: 2, c: [3] }, d: null, f: { g: true } });
    expect(patched).toEqual({ a: { b: 2, c: [3] }, e: 1, f: { g: true } });
    expect(patched).toBe(target);
    expect(applyMergePatch({ a: 1 }, [1])).toEqual([1]);
  });
});

describe('changeInstant', () => {
  it('takes a Date, epoch milliseconds or ISO text, defaults to now and explains anything else', () => {
    expect(changeInstant(undefined, 5)).toBe(5);
    expect(changeInstant(new Date(7), 5)).toBe(7);
    expect(changeInstant(9, 5)).toBe(9);
    expect(changeInstant('1970-01-01T00:00:01Z', 5)).toBe(1000);
    expect(changeInstant('soon', 5)).toMatch(/ISO-8601/);
    expect(changeInstant(Number.NaN, 5)).toMatch(/ISO-8601/);
  });
});

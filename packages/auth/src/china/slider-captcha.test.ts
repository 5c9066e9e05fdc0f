import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BimmerValidationError } from '@bimmer/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sliderImage } from '../../test/slider-image';
import { findSliderGap, type SliderPixels, solveSliderCaptcha } from './slider-captcha';

/** The reference algorithm, literally: every pixel of every 15×75 block, in scan order. */
function naiveGap({ width, height, channels, data }: SliderPixels): number | undefined {
  const near = (x: number, y: number) => {
    const offset = (y * width + x) * channels;
    return [220, 230, 221].every((target, channel) => Math.abs((data[offset + channel] ?? 0) - target) <= 15);
  };
  for (let y = 0; y < height - 76 + 1; y++) {
    for (let x = 0; x < width - 16 + 1; x++) {
      let all = true;
      for (let dy = 0; dy < 75 && all; dy++)
        for (let dx = 0; dx < 15 && all; dx++) all = near(x + dx, y + dy);
      if (all) return x;
    }
  }
  return undefined;
}

/** Images made of a few target-coloured rectangles (and near misses) on a dark background. */
const pixelImages = fc
  .record({
    width: fc.integer({ min: 10, max: 60 }),
    height: fc.integer({ min: 70, max: 110 }),
    rectangles: fc.array(
      fc.record({
        x: fc.nat(60),
        y: fc.nat(110),
        w: fc.integer({ min: 1, max: 30 }),
        h: fc.integer({ min: 1, max: 110 }),
        off: fc.integer({ min: -20, max: 20 }),
      }),
      { maxLength: 4 },
    ),
  })
  .map(({ width, height, rectangles }): SliderPixels => {
    const data = new Uint8Array(width * height * 3);
    for (const { x, y, w, h, off } of rectangles) {
      for (let row = y; row < Math.min(height, y + h); row++) {
        for (let column = x; column < Math.min(width, x + w); column++) {
          data.set([220 + off, 230, 221], (row * width + column) * 3);
        }
      }
    }
    return { width, height, channels: 3, data };
  });

/** The reference fixtures next to the checkout (`../shared`), used only when present. */
const FIXTURE = fileURLToPath(
  new URL('../../../../../shared/fixtures/mybmw/auth/auth_slider_captcha.json', import.meta.url),
);

describe('slider captcha', () => {
  it('finds the gap of an image of our own', () => {
    // (297 − 26) / 590 = 0.459 → "0.46".
    expect(solveSliderCaptcha(sliderImage({ width: 590, height: 200, gapX: 297 }))).toBe('0.46');
    // (126 − 26) / 200 = 0.5 → "0.5", formatted like Python.
    expect(solveSliderCaptcha(sliderImage({ width: 200, height: 200, gapX: 126 }))).toBe('0.5');
  });

  it('finds the same block as the literal reference scan on any image', () => {
    fc.assert(
      fc.property(pixelImages, (pixels) => {
        expect(findSliderGap(pixels)).toBe(naiveGap(pixels));
      }),
      { numRuns: 300 },
    );
  });

  it('returns an empty string when there is no gap', () => {
    expect(solveSliderCaptcha(sliderImage({ width: 120, height: 100 }))).toBe('');
  });

  it('rejects data that is not a JPEG', () => {
    expect(() => solveSliderCaptcha(Buffer.from('not a jpeg').toString('base64'))).toThrow(
      BimmerValidationError,
    );
  });

  const absent = 'skipped when the reference data at ../shared/fixtures/mybmw/auth is absent';
  describe.skipIf(!existsSync(FIXTURE))(`the reference image (${absent})`, () => {
    it('gives "0.81"', () => {
      const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { data: { backGroundImg: string } };
      expect(solveSliderCaptcha(fixture.data.backGroundImg)).toBe('0.81');
    });
  });
});

import fc from 'fast-check';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import {
  CAPTCHA_COLUMNS,
  CAPTCHA_HEIGHT,
  CAPTCHA_ROWS,
  CAPTCHA_WIDTH,
  expectedSliderPosition,
  formatPosition,
  renderCaptcha,
} from './captcha-image';

describe('slider captcha', () => {
  it('renders backgrounds the app solver reads back at the slot position', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: CAPTCHA_COLUMNS.first, max: CAPTCHA_COLUMNS.last }),
        fc.integer({ min: CAPTCHA_ROWS.first, max: CAPTCHA_ROWS.last }),
        (column, row) => {
          const captcha = renderCaptcha(column, row);
          const decoded = jpeg.decode(captcha.background);
          expect([decoded.width, decoded.height]).toEqual([CAPTCHA_WIDTH, CAPTCHA_HEIGHT]);
          expect(expectedSliderPosition(captcha.background)).toBe(String(captcha.position));
          expect(captcha.position).toBeCloseTo((column * 16 - 26) / CAPTCHA_WIDTH, 2);
        },
      ),
      { numRuns: 4 },
    );
  });

  it('finds nothing in an image without a slot', () => {
    const data = Buffer.alloc(100 * 100 * 4, 40);
    expect(expectedSliderPosition(jpeg.encode({ data, width: 100, height: 100 }, 90).data)).toBe('');
  });

  it('formats positions like Python str(round(x, 2))', () => {
    expect(formatPosition(479 / 590)).toBe('0.81');
    expect(formatPosition(0.8)).toBe('0.8');
    expect(formatPosition(1)).toBe('1.0');
    expect(formatPosition(0.999)).toBe('1.0');
  });
});

import { encode } from 'jpeg-js';

/**
 * A slider-captcha background of our own: a noisy grey image with a gap of the target colour
 * (220, 230, 221) whose left edge is at `gapX`. Returned as base64 JPEG like BMW's `backGroundImg`.
 */
export function sliderImage(options: {
  width: number;
  height: number;
  gapX?: number;
  gapY?: number;
}): string {
  const { width, height, gapX, gapY = 40 } = options;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 4;
      const inGap = gapX !== undefined && x >= gapX && x < gapX + 40 && y >= gapY && y < gapY + 90;
      const shade = 60 + ((x * 7 + y * 13) % 50);
      data[offset] = inGap ? 220 : shade;
      data[offset + 1] = inGap ? 230 : shade;
      data[offset + 2] = inGap ? 221 : shade;
      data[offset + 3] = 255;
    }
  }
  return encode({ data, width, height }, 95).data.toString('base64');
}

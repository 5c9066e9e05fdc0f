import { BimmerValidationError } from '@bimmer/core';
import { decode } from 'jpeg-js';

/** The colour of the slider's target gap. */
const TARGET_RGB = [220, 230, 221] as const;
/** The largest per-channel difference still counted as the target colour. */
const TOLERANCE = 15;
/** The size of the block that must be all target colour. */
const BLOCK_WIDTH = 15;
const BLOCK_HEIGHT = 75;
/** The slider's offset in pixels, subtracted before dividing by the width. */
const SLIDER_OFFSET = 26;

/**
 * Python's `str(round(value, 2))`: two decimals at most, trailing zeros dropped, but at least one
 * decimal (`0.81`, `0.8`, `1.0`).
 */
function formatLikePython(value: number): string {
  const rounded = Number(value.toFixed(2));
  const text = String(Object.is(rounded, -0) ? 0 : rounded);
  return text.includes('.') ? text : `${text}.0`;
}

/** Decoded pixels: `channels` bytes per pixel, row-major, red first. */
export interface SliderPixels {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly data: Uint8Array;
}

/**
 * The x of the first 15×75 block whose pixels are all within 15 of RGB (220, 230, 221), scanning rows
 * top to bottom and columns left to right, with the reference's bounds (one short of the last possible
 * fit); `undefined` when there is none.
 */
export function findSliderGap(pixels: SliderPixels): number | undefined {
  const { width, height, channels, data } = pixels;
  // For every pixel, how many pixels from it downwards match the target colour: a block fits at (x, y)
  // when the 15 columns starting at x all have a run of at least 75 there. Linear instead of 15×75 per pixel.
  const runDown = new Uint16Array(width * (height + 1));
  for (let y = height - 1; y >= 0; y--) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * channels;
      const matches =
        Math.abs((data[offset] ?? 0) - TARGET_RGB[0]) <= TOLERANCE &&
        Math.abs((data[offset + 1] ?? 0) - TARGET_RGB[1]) <= TOLERANCE &&
        Math.abs((data[offset + 2] ?? 0) - TARGET_RGB[2]) <= TOLERANCE;
      runDown[y * width + x] = matches ? (runDown[(y + 1) * width + x] ?? 0) + 1 : 0;
    }
  }
  for (let y = 0; y < height - BLOCK_HEIGHT; y++) {
    let fullColumns = 0;
    // The block's last column may reach width - 2: x runs up to width - 16.
    for (let column = 0; column < width - 1; column++) {
      fullColumns = (runDown[y * width + column] ?? 0) >= BLOCK_HEIGHT ? fullColumns + 1 : 0;
      if (fullColumns >= BLOCK_WIDTH) return column - BLOCK_WIDTH + 1;
    }
  }
  return undefined;
}

/**
 * Solves the China slider captcha (bimmer_connected `get_capture_position`): decodes
 * the base64 JPEG background with a pure-JavaScript decoder (jpeg-js), finds the gap with
 * {@link findSliderGap} and returns `round((x − 26) / width, 2)` as Python prints it, e.g. `"0.81"`.
 * Returns `""` when there is no gap.
 *
 * @throws BimmerValidationError when the image is not a decodable JPEG.
 */
export function solveSliderCaptcha(base64Jpeg: string): string {
  let image: { width: number; height: number; data: Uint8Array };
  try {
    image = decode(Buffer.from(base64Jpeg, 'base64'), { useTArray: true, formatAsRGBA: false });
  } catch (cause) {
    throw new BimmerValidationError('The China slider captcha image is not a JPEG this decoder can read.', {
      cause,
      paths: ['data.backGroundImg'],
    });
  }
  const { width, height, data } = image;
  const x = findSliderGap({ width, height, data, channels: data.length / (width * height) });
  return x === undefined ? '' : formatLikePython((x - SLIDER_OFFSET) / width);
}

/**
 * China's slider captcha: a JPEG background with one slot in the colour the MyBMW app's solver
 * looks for. The simulator renders its own, knows where the slot is, and can
 * solve any background (the recorded fixture's included) with the same algorithm the app uses.
 */
import jpeg from 'jpeg-js';

/** The slot colour and tolerance bimmer_connected's solver matches. */
const TARGET = [220, 230, 221] as const;
const TOLERANCE = 15;
const BLOCK_WIDTH = 15;
const BLOCK_HEIGHT = 75;

/** Width of the captcha background, as BMW serves it. */
export const CAPTCHA_WIDTH = 590;
/** Height of the captcha background, as BMW serves it. */
export const CAPTCHA_HEIGHT = 360;

/** A rendered captcha: the background and piece JPEGs and the position the app will report. */
export interface RenderedCaptcha {
  background: Buffer;
  piece: Buffer;
  /** The expected answer, e.g. 0.45 (`round((x - 26) / width, 2)` of the slot's left edge). */
  position: number;
}

/** JPEG works in 8×8 (chroma 16×16) blocks: a slot on block borders keeps crisp edges. */
const BLOCK = 16;
const SLOT_WIDTH = 3 * BLOCK;
const SLOT_HEIGHT = 6 * BLOCK;
/** The block columns a slot may start at (the slot and the solver's margin stay inside the image). */
export const CAPTCHA_COLUMNS = { first: 14, last: 30 } as const;
/** The block rows a slot may start at. */
export const CAPTCHA_ROWS = { first: 1, last: 15 } as const;

const rendered = new Map<string, RenderedCaptcha>();

/**
 * Renders (and caches) a background whose slot's top-left corner is at block `column`, `row`. The
 * rest of the picture stays far from the slot colour, so JPEG noise cannot create another match.
 */
export function renderCaptcha(column: number, row: number): RenderedCaptcha {
  const key = `${column}:${row}`;
  const cached = rendered.get(key);
  if (cached) return cached;
  const slotLeft = column * BLOCK;
  const slotTop = row * BLOCK;
  const data = Buffer.alloc(CAPTCHA_WIDTH * CAPTCHA_HEIGHT * 4);
  for (let y = 0; y < CAPTCHA_HEIGHT; y++) {
    for (let x = 0; x < CAPTCHA_WIDTH; x++) {
      const offset = (y * CAPTCHA_WIDTH + x) * 4;
      const inSlot = x >= slotLeft && x < slotLeft + SLOT_WIDTH && y >= slotTop && y < slotTop + SLOT_HEIGHT;
      if (inSlot) {
        data[offset] = TARGET[0];
        data[offset + 1] = TARGET[1];
        data[offset + 2] = TARGET[2];
      } else {
        // A hilly landscape in dark greens and blues: nowhere near the slot colour.
        const hill = 180 + 40 * Math.sin(x / 47) + 25 * Math.sin(x / 13 + 1);
        const sky = y < hill;
        const stripe = ((x >> 4) + (y >> 4)) % 2 === 0 ? 12 : 0;
        data[offset] = sky ? 40 + (y >> 3) + stripe : 50 + stripe;
        data[offset + 1] = sky ? 90 + (y >> 2) : 110 + ((x * 7 + y * 3) % 40);
        data[offset + 2] = sky ? 150 + (y >> 2) : 60 + stripe;
      }
      data[offset + 3] = 255;
    }
  }
  const piece = Buffer.alloc(SLOT_WIDTH * SLOT_HEIGHT * 4);
  for (let index = 0; index < SLOT_WIDTH * SLOT_HEIGHT; index++) {
    piece[index * 4] = 120;
    piece[index * 4 + 1] = 140;
    piece[index * 4 + 2] = 160;
    piece[index * 4 + 3] = 255;
  }
  const captcha: RenderedCaptcha = {
    background: jpeg.encode({ data, width: CAPTCHA_WIDTH, height: CAPTCHA_HEIGHT }, 90).data,
    piece: jpeg.encode({ data: piece, width: SLOT_WIDTH, height: SLOT_HEIGHT }, 80).data,
    position: Number(formatPosition((slotLeft - 26) / CAPTCHA_WIDTH)),
  };
  rendered.set(key, captcha);
  return captcha;
}

/**
 * The answer the simulator expects for a captcha background: what the MyBMW app's slider solver
 * reports (the first 15×75 block, rows outer, columns inner, whose pixels are all within 15 of
 * (220, 230, 221)), as the string `round((x - 26) / width, 2)`; empty when none. The client's solver is
 * `@bimmer/auth`'s `solveSliderCaptcha`; this is the server's side of the same rule, on JPEG bytes.
 */
export function expectedSliderPosition(jpegBytes: Uint8Array): string {
  const { width, height, data } = jpeg.decode(jpegBytes, { useTArray: true, formatAsRGBA: false });
  const near = (x: number, y: number): boolean => {
    const offset = (y * width + x) * 3;
    return (
      Math.abs((data[offset] ?? 0) - TARGET[0]) <= TOLERANCE &&
      Math.abs((data[offset + 1] ?? 0) - TARGET[1]) <= TOLERANCE &&
      Math.abs((data[offset + 2] ?? 0) - TARGET[2]) <= TOLERANCE
    );
  };
  for (let y = 0; y < height - BLOCK_HEIGHT; y++) {
    for (let x = 0; x < width - BLOCK_WIDTH; x++) {
      if (!near(x, y)) continue;
      let fits = true;
      for (let dy = 0; dy < BLOCK_HEIGHT && fits; dy++) {
        for (let dx = 0; dx < BLOCK_WIDTH; dx++) {
          if (!near(x + dx, y + dy)) {
            fits = false;
            break;
          }
        }
      }
      if (fits) return formatPosition((x - 26) / width);
    }
  }
  return '';
}

/** Python's `str(round(value, 2))`: `0.81`, `0.8`, `1.0`. */
export function formatPosition(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded);
}

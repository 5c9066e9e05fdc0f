/** The vehicle image endpoint's PNG: a simple side view in the vehicle's paint colour. */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes RGBA pixels as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A 320×160 side view: body and cabin in `argb` (the profile's `color`, ARGB as an unsigned int),
 * dark wheels, transparent background. `mirrored` flips it for the rear/left views.
 */
export function renderVehicleImage(argb: number, mirrored = false): Buffer {
  const width = 320;
  const height = 160;
  const paint = [(argb >>> 16) & 0xff, (argb >>> 8) & 0xff, argb & 0xff];
  const pixels = new Uint8Array(width * height * 4);
  const set = (x: number, y: number, rgb: readonly number[]) => {
    const px = mirrored ? width - 1 - x : x;
    const offset = (y * width + px) * 4;
    pixels[offset] = rgb[0] ?? 0;
    pixels[offset + 1] = rgb[1] ?? 0;
    pixels[offset + 2] = rgb[2] ?? 0;
    pixels[offset + 3] = 255;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const body = y >= 70 && y < 120 && x >= 20 && x < 300;
      const cabin = y >= 35 && y < 70 && x >= 90 + (70 - y) && x < 230 - (70 - y) / 2;
      const window =
        cabin && y >= 42 && x >= 100 + (70 - y) && x < 222 - (70 - y) / 2 && Math.abs(x - 160) > 3;
      const wheel = [75, 245].some((cx) => (x - cx) ** 2 + (y - 120) ** 2 <= 24 ** 2);
      if (wheel) set(x, y, [25, 25, 28]);
      else if (window) set(x, y, [150, 185, 210]);
      else if (body || cabin) set(x, y, paint);
    }
  }
  return encodePng(width, height, pixels);
}

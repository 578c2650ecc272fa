import { createHash } from 'node:crypto';

const SIZE = 5;
const CELL = 12;
const PAD = 6;

/**
 * A reader's picture, drawn here from a hash of who they are: a 5×5 pattern mirrored left to right
 * in one colour, as GitHub's identicons are. Nothing is fetched from an outside service, so no
 * third party learns who reads which discussion.
 */
export function identiconSvg(seed: string): string {
  const hash = createHash('sha256').update(seed).digest();
  const hue = Math.round((hash.readUInt16BE(0) / 0xffff) * 360);
  // Saturation and lightness kept where the colour stands out from the pale ground (contrast > 3:1).
  const colour = `hsl(${hue} ${55 + (hash[2]! % 20)}% ${34 + (hash[3]! % 10)}%)`;
  const cells: string[] = [];
  const half = Math.ceil(SIZE / 2);
  for (let row = 0; row < SIZE; row++) {
    for (let col = 0; col < half; col++) {
      const bit = hash[4 + row * half + col]! & 1;
      if (!bit) continue;
      for (const x of new Set([col, SIZE - 1 - col])) cells.push(`<rect x="${PAD + x * CELL}" y="${PAD + row * CELL}" width="${CELL}" height="${CELL}"/>`);
    }
  }
  const side = SIZE * CELL + 2 * PAD;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" width="${side}" height="${side}"><rect width="${side}" height="${side}" fill="#f0f0f0"/><g fill="${colour}">${cells.join('')}</g></svg>`;
}

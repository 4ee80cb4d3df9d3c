import { randomFillSync } from 'node:crypto';

const IDS_PER_FILL = 128;
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const DASH = 0x2d;
const random = Buffer.allocUnsafe(16 * IDS_PER_FILL);
const text = Buffer.allocUnsafe(36 * IDS_PER_FILL);
let nextId = IDS_PER_FILL; // filled on first use, never while loading: a startup snapshot must hold no ids

/**
 * A random (version 4) UUID, as `crypto.randomUUID()` gives, but one flat string. `randomUUID()`
 * joins 20 pieces, which Bull's `JSON.stringify` of the payload then flattens again: 2,500 machine
 * instructions per job in callgrind (docs/performance.md). Here 128 ids at a time are written out as
 * text from the same cryptographic source, and each id is one 36-byte slice of it.
 */
export function newJobId(): string {
  if (nextId === IDS_PER_FILL) writeIds();
  const start = 36 * nextId++;
  return text.toString('latin1', start, start + 36);
}

function writeIds(): void {
  randomFillSync(random);
  let at = 0;
  for (let offset = 0; offset < random.length; offset += 16) {
    random[offset + 6] = (random[offset + 6] & 0x0f) | 0x40; // version 4
    random[offset + 8] = (random[offset + 8] & 0x3f) | 0x80; // the RFC 9562 variant
    for (let index = 0; index < 16; index++) {
      if (index === 4 || index === 6 || index === 8 || index === 10) text[at++] = DASH;
      const byte = random[offset + index];
      text[at++] = HEX_DIGITS[byte >> 4];
      text[at++] = HEX_DIGITS[byte & 0x0f];
    }
  }
  nextId = 0;
}

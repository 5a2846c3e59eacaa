import { randomBytes } from 'node:crypto';

/**
 * Certificate serial numbers: `LL-YYYYMMDD-XXXXXXXX-C`.
 * - YYYYMMDD: issue date in Asia/Shanghai (readable on paper).
 * - XXXXXXXX: 40 random bits in Crockford base32 (no I, L, O, U) — unguessable, so the public
 *   verification page cannot be used to enumerate certificates.
 * - C: Luhn mod 32 check character over date + random part, so a mistyped serial is caught
 *   before the database is asked.
 * Input is normalised: case-insensitive, O→0, I/L→1, spaces and extra dashes ignored.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = ALPHABET.length;

function luhnCheckChar(body: string): string {
  let sum = 0;
  let factor = 2;
  for (let i = body.length - 1; i >= 0; i -= 1) {
    let addend = factor * ALPHABET.indexOf(body[i]);
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
    factor = factor === 2 ? 1 : 2;
  }
  return ALPHABET[(N - (sum % N)) % N];
}

function encodeRandom(bytes: Buffer): string {
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  for (let i = 0; i < 8; i += 1) {
    out = ALPHABET[Number(value % 32n)] + out;
    value /= 32n;
  }
  return out;
}

export function issueSerial(at: Date, random: Buffer = randomBytes(5)): string {
  const shifted = new Date(at.getTime() + 8 * 3_600_000);
  const date = shifted.toISOString().slice(0, 10).replace(/-/g, '');
  const rand = encodeRandom(random);
  return `LL-${date}-${rand}-${luhnCheckChar(date + rand)}`;
}

/** Canonical form of a typed or scanned serial, or undefined when it cannot be one of ours. */
export function normaliseSerial(input: string): string | undefined {
  if (typeof input !== 'string' || input.length > 40) return undefined;
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  // The prefix "LL" has been folded to "11" with the other look-alikes.
  if (!compact.startsWith('11')) return undefined;
  const m = /^(\d{8})([0-9A-Z]{8})([0-9A-Z])$/.exec(compact.slice(2));
  if (!m) return undefined;
  const [, date, rand, check] = m;
  if ([...rand, check].some((c) => !ALPHABET.includes(c))) return undefined;
  if (luhnCheckChar(date + rand) !== check) return undefined;
  return `LL-${date}-${rand}-${check}`;
}

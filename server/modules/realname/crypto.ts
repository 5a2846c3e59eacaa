import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Field encryption for resident names and ID numbers (PIPL: sensitive personal
 * information is encrypted at rest).
 *
 * Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id is
 * derived from the key itself, so rotating LINLI_ID_ENC_KEY works by keeping the
 * old key in the keyring passed to decryptField until every value is re-encrypted;
 * new values always use the primary key. A random 12-byte IV per value means equal
 * plaintexts never produce equal ciphertexts (lookups use the keyed hash instead).
 */
const VERSION = 'v1';

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function encryptField(key: Buffer, plaintext: string): string {
  if (key.length !== 32) throw new Error('encryption key must be 32 bytes');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, keyIdOf(key), iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join(
    '.',
  );
}

/** Decrypts with whichever key of the keyring produced the value; throws when none did or it was tampered with. */
export function decryptField(keyring: Buffer[], blob: string): string {
  const parts = blob.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new Error('unknown encrypted field format');
  const [, kid, ivB64, tagB64, ctB64] = parts;
  const key = keyring.find((k) => keyIdOf(k) === kid);
  if (!key) throw new Error(`no key for key id ${kid}`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivB64, 'base64url'));
  decipher.setAuthTag(Buffer.from(tagB64, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ctB64, 'base64url')), decipher.final()]).toString('utf8');
}

/** Canonical form of an ID number before hashing: trimmed, upper-case X. */
export const normaliseIdNumber = (id: string): string => id.trim().toUpperCase();

/**
 * Keyed hash (HMAC-SHA256) of the ID number: equal IDs give equal hashes so a
 * unique index enforces one person, one account, but without the key the hash
 * cannot be brute-forced over the small space of valid ID numbers.
 */
export function hashIdNumber(hashKey: Buffer, id: string): string {
  return createHmac('sha256', hashKey).update(normaliseIdNumber(id), 'utf8').digest('hex');
}

import { createHmac } from 'node:crypto';

/**
 * Exact-match lookup keys for personal data the district admin searches by (issue 16): the
 * verified name (stored only encrypted) and the phone number. HMAC-SHA256 under a subkey of
 * LINLI_ID_HASH_KEY with a label per field, so the hashes cannot be matched against the ID
 * number hashes, and without the server key a copy of the database cannot be searched or
 * brute-forced over the small space of phone numbers. Equal inputs give equal hashes, so only
 * a full, exact value finds anyone.
 */
export type SearchField = 'name' | 'phone';

const subkeys = new WeakMap<Buffer, Buffer>();
const subkeyOf = (hashKey: Buffer): Buffer => {
  let k = subkeys.get(hashKey);
  if (!k) {
    k = createHmac('sha256', hashKey).update('linli-search-v1', 'utf8').digest();
    subkeys.set(hashKey, k);
  }
  return k;
};

/** Canonical form before hashing: names without spaces, phones as their 11 digits (no +86). */
export function normaliseSearchValue(field: SearchField, value: string): string {
  const v = value.trim();
  if (field === 'name') return v.replace(/\s+/g, '');
  const digits = v.replace(/\D/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
}

export function searchHash(hashKey: Buffer, field: SearchField, value: string): string {
  return createHmac('sha256', subkeyOf(hashKey))
    .update(`${field}:${normaliseSearchValue(field, value)}`, 'utf8')
    .digest('hex');
}

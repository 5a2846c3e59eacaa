import { Jieba } from '@node-rs/jieba';
// The dictionary ships as a buffer in the package; loaded once, on first use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadDict = (): Uint8Array => require('@node-rs/jieba/dict').dict;

let jieba: Jieba | null = null;
const cutter = (): Jieba => (jieba ??= Jieba.withDict(loadDict()));

const WORDY = /[\p{L}\p{N}]/u;

/**
 * Index keys of a text: jieba's search-engine cut (words and their shorter parts: 劳动合同 →
 * 劳动/合同/劳动合同), lower-cased, without punctuation, unique. MongoDB's `$text` does not
 * segment Chinese, so the keys are stored in an indexed array and queried with `$in` — which
 * behaves the same on the embedded engine and on MongoDB.
 */
export function indexKeys(text: string): string[] {
  const out = new Set<string>();
  for (const t of cutter().cutForSearch(text, true)) {
    const k = t.trim().toLowerCase();
    if (k && WORDY.test(k)) out.add(k);
  }
  return [...out];
}

/**
 * Keys of a query. Single characters (的, 了, 法) match too much to rank on, so they are dropped
 * when the query has longer words; a one-character query keeps its character.
 */
export function queryKeys(q: string): string[] {
  const keys = indexKeys(q);
  const long = keys.filter((k) => [...k].length >= 2);
  return long.length ? long : keys;
}

/**
 * The check for public text written by staff. WeChat's msgSecCheck judges text in the context of
 * an openid that used the mini-program in the last two hours, which staff on the H5 portal do not
 * have (DECISIONS: Hardening), so their public text is matched against the district's configured
 * word list (STAFF_CONTENT_KEYWORDS) instead; a hit holds the content for the 内容审核 queue,
 * where a person decides. Private records never come here.
 */
export interface KeywordHit {
  path: string;
  words: string[];
}

/**
 * The configured words found in each field, compared case-insensitively on NFC text with
 * spaces and zero-width characters removed (so 赌 博 or 赌\u200b博 still match 赌博).
 */
export function staffKeywordHits(keywords: readonly string[], fields: Record<string, string | undefined>): KeywordHit[] {
  if (keywords.length === 0) return [];
  const hits: KeywordHit[] = [];
  for (const [path, text] of Object.entries(fields)) {
    if (!text) continue;
    const plain = text
      .normalize('NFC')
      .toLowerCase()
      .replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '');
    const words = keywords.filter((w) => plain.includes(w.replace(/\s+/g, '')));
    if (words.length) hits.push({ path, words });
  }
  return hits;
}

/** Money typed on forms (yuan) → integer fen; kept free of Taro so it is testable on its own. */
/** "12.50" → 1250 fen; null when not a positive amount with at most two decimals. */
export function yuanToFen(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Pure helpers for 导出我的数据 (kept free of Taro so jest can load them). */
export function exportFileName(contentDisposition: string | undefined, now: Date = new Date()): string {
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(contentDisposition ?? '');
  const name = m ? safeDecode(m[1]).replace(/[\\/]/g, '_') : '';
  return name || `linli-export-${now.toISOString().slice(0, 10)}.json`;
}

export function toJsonText(data: unknown): string {
  return typeof data === 'string' ? data : JSON.stringify(data, null, 2);
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/**
 * The notice editor's light markup, one line per block, and the HTML subset it stands for (what
 * the server's sanitizer keeps, server/modules/community/notices/sanitize.ts):
 *
 *   ## 小标题            → <h3>
 *   - 项目  /  1. 项目    → <ul><li> / <ol><li> (consecutive lines form one list)
 *   **粗体**             → <strong>
 *   [文字](https://…)    → <a href> (https only; anything else stays text)
 *   any other line       → <p>
 *
 * The toolbar inserts these, so an admin never types HTML; editing a notice turns its HTML back.
 */

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unescapeHtml = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');

/** Inline markup of one escaped line: bold and https links. */
function inline(line: string): string {
  return escapeHtml(line)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\((https:\/\/[^\s()<>"]+)\)/g, '<a href="$2">$1</a>');
}

type Block = { tag: 'h3' | 'p'; text: string } | { tag: 'ul' | 'ol'; items: string[] };

export function markupToHtml(text: string): string {
  const blocks: Block[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const heading = /^#{1,3}\s+(.+)$/.exec(line);
    const bullet = /^[-*•]\s+(.+)$/.exec(line);
    const numbered = /^\d+[.、]\s*(.+)$/.exec(line);
    const last = blocks[blocks.length - 1];
    if (bullet || numbered) {
      const tag = bullet ? 'ul' : 'ol';
      const item = (bullet ?? numbered)![1];
      if (last && last.tag === tag) last.items.push(item);
      else blocks.push({ tag, items: [item] });
    } else {
      blocks.push(heading ? { tag: 'h3', text: heading[1] } : { tag: 'p', text: line });
    }
  }
  return blocks
    .map((b) => ('items' in b ? `<${b.tag}>${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${b.tag}>` : `<${b.tag}>${inline(b.text)}</${b.tag}>`))
    .join('');
}

/** A stored body back into markup (what the toolbar would have written); other markup keeps its text. */
export function htmlToMarkup(html: string): string {
  const lines: string[] = [];
  const text = (s: string) =>
    unescapeHtml(
      s
        .replace(/<(strong|b)>([\s\S]*?)<\/\1>/gi, '**$2**')
        .replace(/<a\s[^>]*href="(https:\/\/[^"]+)"[^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, t: string) => `[${t}](${unescapeHtml(href)})`)
        .replace(/<[^>]*>/g, ''),
    ).trim();
  const blockRe = /<(h[1-6]|p|blockquote|ul|ol)(?:\s[^>]*)?>([\s\S]*?)<\/\1>/gi;
  let m: RegExpExecArray | null;
  let found = false;
  while ((m = blockRe.exec(html))) {
    found = true;
    const tag = m[1].toLowerCase();
    if (tag === 'ul' || tag === 'ol') {
      const items = [...m[2].matchAll(/<li(?:\s[^>]*)?>([\s\S]*?)<\/li>/gi)].map((i) => text(i[1]));
      items.forEach((it, n) => lines.push(tag === 'ul' ? `- ${it}` : `${n + 1}. ${it}`));
    } else {
      for (const part of m[2].split(/<br\s*\/?>/i)) {
        const t = text(part);
        if (t) lines.push(/^h/.test(tag) ? `## ${t}` : t);
      }
    }
  }
  if (!found) return text(html.replace(/<br\s*\/?>/gi, '\n'));
  return lines.join('\n');
}

/** What each toolbar button inserts (shared/notice-markup.ts turns it into the HTML subset). */
export const NOTICE_TOOLS = [
  { id: 'bold', label: '加粗', insert: '**重点内容**', block: false },
  { id: 'heading', label: '小标题', insert: '## 小标题', block: true },
  { id: 'list', label: '列表', insert: '- 列表项', block: true },
  { id: 'link', label: '链接', insert: '[链接文字](https://)', block: false },
] as const;

/** Inserts a tool's text at the cursor; block tools get a line of their own. */
export function insertAt(text: string, cursor: number, tool: (typeof NOTICE_TOOLS)[number]): string {
  const at = Math.max(0, Math.min(cursor, text.length));
  const before = text.slice(0, at);
  const after = text.slice(at);
  if (!tool.block) return `${before}${tool.insert}${after}`;
  const lead = before && !before.endsWith('\n') ? '\n' : '';
  const trail = after && !after.startsWith('\n') ? '\n' : '';
  return `${before}${lead}${tool.insert}${trail}${after}`;
}

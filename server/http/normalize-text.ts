import type { TFieldError } from '@shared/errors';

/**
 * Control characters other than tab and newline (C0, DEL, C1), and the bidirectional
 * embedding/override/isolate controls that can make stored text display as something else
 * (U+202A–U+202E, U+2066–U+2069).
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /\p{Surrogate}/u;

const MESSAGE_CONTROL = '不能包含控制字符或文字方向控制符';
const MESSAGE_SURROGATE = '包含无效的字符';

/**
 * Every string in a request body or query, normalised to NFC (so the same text always
 * compares and indexes the same), with `\r\n` turned into `\n`. Strings with control
 * characters or lone surrogates are reported at their field path instead.
 * Returns a new value; the input is not changed.
 */
export function normalizeText(value: unknown, fields: TFieldError[], path: string[] = []): unknown {
  if (typeof value === 'string') {
    const text = value.replace(/\r\n/g, '\n');
    if (LONE_SURROGATE.test(text)) {
      fields.push({ path: path.join('.'), message: MESSAGE_SURROGATE });
      return value;
    }
    if (FORBIDDEN.test(text)) {
      fields.push({ path: path.join('.'), message: MESSAGE_CONTROL });
      return value;
    }
    return text.normalize('NFC');
  }
  if (Array.isArray(value)) return value.map((v, i) => normalizeText(v, fields, [...path, String(i)]));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalizeText(v, fields, [...path, k]);
    return out;
  }
  return value;
}

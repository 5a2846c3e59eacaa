import { maskIdNumber } from '@shared/idcard';

/**
 * Audit before/after snapshots must never carry secrets or unmasked resident
 * ID numbers: callers pass whatever document they changed and we strip here,
 * once, rather than trusting every caller to remember.
 */
const DROP_KEYS = new Set([
  'passwordHash',
  'password',
  'tokenHash',
  'token',
  'nameEnc',
  'idNumberEnc',
  'idNumberHash',
  'sessionKey',
  'session_key',
]);
const MASK_KEYS = new Set(['idNumber', 'idCard', 'idCardNumber']);
const ID_NUMBER_IN_TEXT = /\d{17}[\dXx]/g;
const MAX_DEPTH = 8;

export function sanitizeForAudit(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return value.replace(ID_NUMBER_IN_TEXT, (m) => maskIdNumber(m.toUpperCase()));
  if (typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (depth >= MAX_DEPTH) return '[truncated]';
  const maybe = value as { toHexString?: () => string; toObject?: () => unknown };
  if (typeof maybe.toHexString === 'function') return maybe.toHexString();
  if (typeof maybe.toObject === 'function') return sanitizeForAudit(maybe.toObject(), depth);
  if (value instanceof Map) return sanitizeForAudit(Object.fromEntries(value), depth);
  if (Array.isArray(value)) return value.map((v) => sanitizeForAudit(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (DROP_KEYS.has(k)) continue;
    if (MASK_KEYS.has(k) && typeof v === 'string') {
      out[k] = maskIdNumber(v);
      continue;
    }
    out[k] = sanitizeForAudit(v, depth + 1);
  }
  return out;
}

import { randomBytes } from 'node:crypto';

/** Crockford base32 without I, L, O, U: readable on paper, unguessable for the public check page. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function random32(chars: number): string {
  return Array.from(randomBytes(chars), (b) => ALPHABET[b % 32]).join('');
}

/** Beijing date as YYYYMMDD. */
export function beijingDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/** Our own out_trade_no: `DN` + Beijing date + 16 random characters (26, within WeChat's 6–32). */
export const newOutTradeNo = (at: Date): string => `DN${beijingDay(at)}${random32(16)}`;
/** out_refund_no: `RF` + Beijing date + 16 random characters. */
export const newOutRefundNo = (at: Date): string => `RF${beijingDay(at)}${random32(16)}`;
/** The 捐赠确认 serial: `DN-YYYYMMDD-XXXXXXXXXX` (50 random bits). */
export const newReceiptSerial = (at: Date): string => `DN-${beijingDay(at)}-${random32(10)}`;

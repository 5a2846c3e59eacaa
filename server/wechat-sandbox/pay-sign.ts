/** WeChat Pay v3 signatures and encryption, as the platform side does them. */
import { createCipheriv, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';

export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
/** WeChat rejects requests whose timestamp is more than five minutes off. */
export const MAX_SKEW_SECONDS = 300;

export interface ParsedAuthorization {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  if (!header?.startsWith(`${AUTH_SCHEMA} `)) return undefined;
  const fields: Record<string, string> = {};
  const re = /([a-z_]+)="([^"]*)"/g;
  for (let m = re.exec(header); m; m = re.exec(header)) fields[m[1]] = m[2];
  const { mchid, nonce_str, signature, timestamp, serial_no } = fields;
  if (!mchid || !nonce_str || !signature || !timestamp || !serial_no) return undefined;
  return { mchid, nonce_str, signature, timestamp, serial_no };
}

/** Checks a merchant request signature over `METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n`. */
export function verifyRequestSignature(
  auth: ParsedAuthorization,
  method: string,
  url: string,
  body: string,
  merchantPublicKey: KeyObject,
): boolean {
  const message = `${method}\n${url}\n${auth.timestamp}\n${auth.nonce_str}\n${body}\n`;
  try {
    return createVerify('RSA-SHA256').update(message).verify(merchantPublicKey, auth.signature, 'base64');
  } catch {
    return false;
  }
}

/** The Wechatpay-* headers that sign a response or notification body. */
export function platformSignatureHeaders(body: string, platformKey: KeyObject, platformSerial: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex').toUpperCase();
  const signature = createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(platformKey, 'base64');
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': signature,
    'Wechatpay-Serial': platformSerial,
    'Wechatpay-Signature-Type': AUTH_SCHEMA,
    'Request-ID': randomBytes(12).toString('hex'),
  };
}

/** AEAD_AES_256_GCM with the APIv3 key: base64(ciphertext || 16-byte tag), 12-char nonce. */
export function encryptResource(
  plaintext: string,
  apiV3Key: string,
  associatedData: string,
): { algorithm: 'AEAD_AES_256_GCM'; ciphertext: string; associated_data: string; nonce: string } {
  const nonce = randomBytes(9).toString('base64url').slice(0, 12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: ciphertext.toString('base64'), associated_data: associatedData, nonce };
}

/** RFC 3339 in Beijing time, the way WeChat Pay writes times (2025-05-01T09:00:00+08:00). */
export function wechatTime(date = new Date()): string {
  const shifted = new Date(date.getTime() + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

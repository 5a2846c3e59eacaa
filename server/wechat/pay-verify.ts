/**
 * Verifying what WeChat Pay sends us: platform signatures on responses and notifications, and
 * AES-256-GCM decryption of notification resources and downloaded certificates.
 *
 * Decryption is our own: wechatpay-node-v3's decipher_gcm never calls `final()`, so it does not
 * check the GCM auth tag and would accept a forged ciphertext.
 */
import { createDecipheriv, createPublicKey, createVerify, X509Certificate, type KeyObject } from 'node:crypto';
import { WechatPayError } from './errors';

export type HeaderBag = Headers | Record<string, string | string[] | undefined>;

export function headerValue(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

export interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  associated_data?: string;
  nonce: string;
}

/** AEAD_AES_256_GCM decrypt with the APIv3 key; throws bad_signature when the tag does not match. */
export function decryptResource(resource: EncryptedResource, apiV3Key: string): string {
  if (resource.algorithm !== 'AEAD_AES_256_GCM') {
    throw new WechatPayError('bad_signature', `unsupported algorithm ${resource.algorithm}`);
  }
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length < 17) throw new WechatPayError('bad_signature', 'ciphertext too short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    throw new WechatPayError('bad_signature', 'resource decryption failed (wrong APIv3 key or tampered data)');
  }
}

/** Known platform verification keys by serial (certificate serial or 微信支付公钥 ID). */
export class PlatformKeys {
  private keys = new Map<string, KeyObject>();

  addCertificate(pem: string): string {
    const cert = new X509Certificate(pem);
    const serial = cert.serialNumber.toUpperCase();
    this.keys.set(serial, cert.publicKey);
    return serial;
  }

  addPublicKey(id: string, pem: string): void {
    this.keys.set(id.toUpperCase(), createPublicKey(pem));
  }

  get(serial: string): KeyObject | undefined {
    return this.keys.get(serial.toUpperCase());
  }

  get size(): number {
    return this.keys.size;
  }
}

export interface SignedMessage {
  headers: HeaderBag;
  rawBody: string;
}

/** Check Wechatpay-Timestamp / -Nonce / -Signature / -Serial over `timestamp\nnonce\nbody\n`. */
export function verifyPlatformSignature(
  message: SignedMessage,
  keyFor: (serial: string) => KeyObject | undefined,
  maxSkewSeconds: number,
  nowMs: number,
): void {
  const timestamp = headerValue(message.headers, 'wechatpay-timestamp');
  const nonce = headerValue(message.headers, 'wechatpay-nonce');
  const signature = headerValue(message.headers, 'wechatpay-signature');
  const serial = headerValue(message.headers, 'wechatpay-serial');
  if (!timestamp || !nonce || !signature || !serial) {
    throw new WechatPayError('bad_signature', 'missing Wechatpay-* signature headers');
  }
  const skew = Math.abs(nowMs / 1000 - Number(timestamp));
  if (!Number.isFinite(skew) || skew > maxSkewSeconds) {
    throw new WechatPayError('bad_signature', 'Wechatpay-Timestamp is too far from our clock');
  }
  const key = keyFor(serial);
  if (!key) throw new WechatPayError('bad_signature', `unknown platform serial ${serial}`);
  let ok = false;
  try {
    ok = createVerify('RSA-SHA256').update(`${timestamp}\n${nonce}\n${message.rawBody}\n`).verify(key, signature, 'base64');
  } catch {
    ok = false;
  }
  if (!ok) throw new WechatPayError('bad_signature', 'platform signature does not verify');
}

/**
 * A minimal DER encoder that issues real X.509 v3 certificates (RSA, sha256WithRSAEncryption), so the
 * sandbox can hand out a platform certificate and a merchant certificate like WeChat Pay does.
 * Node can parse certificates (crypto.X509Certificate) but not create them.
 */
import { createSign, randomBytes, type KeyObject } from 'node:crypto';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const seq = (...parts: Buffer[]): Buffer => tlv(0x30, ...parts);
const set = (...parts: Buffer[]): Buffer => tlv(0x31, ...parts);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const n of rest) {
    const chunk: number[] = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function integer(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && (b[1] & 0x80) === 0) b = b.subarray(1);
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}

function utcTime(date: Date): Buffer {
  const p = (n: number): string => String(n).padStart(2, '0');
  const text =
    p(date.getUTCFullYear() % 100) +
    p(date.getUTCMonth() + 1) +
    p(date.getUTCDate()) +
    p(date.getUTCHours()) +
    p(date.getUTCMinutes()) +
    p(date.getUTCSeconds()) +
    'Z';
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

export interface DistinguishedName {
  C?: string;
  O?: string;
  OU?: string;
  CN: string;
}

const NAME_OIDS: Record<keyof DistinguishedName, string> = { C: '2.5.4.6', O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3' };

function name(dn: DistinguishedName): Buffer {
  const rdns = (['C', 'O', 'OU', 'CN'] as const)
    .filter((k) => dn[k] !== undefined)
    .map((k) => set(seq(oid(NAME_OIDS[k]), k === 'C' ? tlv(0x13, Buffer.from(dn[k] as string)) : tlv(0x0c, Buffer.from(dn[k] as string, 'utf8')))));
  return seq(...rdns);
}

const SHA256_WITH_RSA = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));

export interface CertificateInput {
  subject: DistinguishedName;
  issuer?: DistinguishedName;
  publicKey: KeyObject;
  /** Key that signs the certificate (the subject's own key for a self-signed one). */
  signingKey: KeyObject;
  /** 20 random bytes when not given. */
  serial?: Buffer;
  notBefore?: Date;
  days?: number;
}

/** Returns the certificate PEM and its serial number as WeChat prints it (upper-case hex). */
export function createCertificate(input: CertificateInput): { pem: string; serialNo: string } {
  const serial = input.serial ?? randomBytes(20);
  serial[0] &= 0x7f; // keep it positive without a leading zero byte
  if (serial[0] === 0) serial[0] = 0x01;
  const notBefore = input.notBefore ?? new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + (input.days ?? 5 * 365) * 86_400_000);
  const spki = input.publicKey.export({ type: 'spki', format: 'der' });
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    SHA256_WITH_RSA,
    name(input.issuer ?? input.subject),
    seq(utcTime(notBefore), utcTime(notAfter)),
    name(input.subject),
    spki,
  );
  const signature = createSign('RSA-SHA256').update(tbs).sign(input.signingKey);
  const der = seq(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.from([0]), signature));
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return { pem: `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`, serialNo: serial.toString('hex').toUpperCase() };
}

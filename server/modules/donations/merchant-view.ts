/**
 * What a district admin may see of a merchant's keys: SHA-256 fingerprints of what the files
 * and references hold, and what could not be loaded, by field. The key material itself is read
 * here and never leaves this file.
 */
import { createHash, createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TMerchantSettings, TMerchantView } from '@shared/schemas/donations';
import { readApiV3Key } from './merchants';
import type { CharityDoc, MerchantDoc } from './model';

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex').toUpperCase().replace(/(..)(?!$)/g, '$1:');

type Problem = { path: string; message: string };
const spkiSha256 = (key: KeyObject): string => sha256(key.export({ type: 'spki', format: 'der' }));

function attempt<T>(problems: Problem[], path: string, message: string, load: () => T): T | null {
  try {
    return load();
  } catch {
    problems.push({ path, message });
    return null;
  }
}

/**
 * Loads each key the settings point at; `prefix` names the fields (`merchant.` in the charity
 * form). `problems`: what cannot be loaded. `mismatches`: the private key is not the one the
 * merchant certificate (and so WeChat, which knows the merchant by its serial) holds — every
 * request would then be refused with a signature error, so such settings are refused up front.
 */
export function inspectMerchant(m: TMerchantSettings | MerchantDoc, prefix = ''): { fingerprints: TMerchantView['fingerprints']; problems: Problem[]; mismatches: Problem[] } {
  const problems: Problem[] = [];
  const mismatches: Problem[] = [];
  const publicOfPrivate = attempt(problems, `${prefix}privateKeyPath`, '商户私钥文件无法读取或不是 PEM 私钥', () => createPublicKey(createPrivateKey(readFileSync(m.privateKeyPath))));
  const privateKey = publicOfPrivate ? spkiSha256(publicOfPrivate) : null;
  const cert = m.certPath
    ? attempt(problems, `${prefix}certPath`, '商户证书文件无法读取或不是 X.509 证书', () => new X509Certificate(readFileSync(m.certPath!)))
    : null;
  if (!m.certPath) problems.push({ path: `${prefix}certPath`, message: '请填写商户证书文件路径（apiclient_cert.pem），用于核对私钥与证书序列号' });
  if (cert) {
    if (cert.serialNumber.toUpperCase() !== m.serialNo.toUpperCase()) mismatches.push({ path: `${prefix}serialNo`, message: `证书序列号与商户证书不符（证书为 ${cert.serialNumber.toUpperCase()}）` });
    if (publicOfPrivate && spkiSha256(cert.publicKey) !== privateKey) mismatches.push({ path: `${prefix}privateKeyPath`, message: '商户私钥与商户证书的公钥不匹配' });
  }
  const apiV3Key = attempt(problems, `${prefix}apiV3KeyRef`, 'APIv3 密钥无法读取或不是 32 位', () => {
    const key = readApiV3Key(m.apiV3KeyRef);
    if (Buffer.byteLength(key) !== 32) throw new Error('length');
    return sha256(key);
  });
  const platformCert = m.platformCertPath
    ? attempt(problems, `${prefix}platformCertPath`, '平台证书文件无法读取或不是 X.509 证书', () => {
        const c = new X509Certificate(readFileSync(m.platformCertPath!));
        return { serial: c.serialNumber.toUpperCase(), sha256: c.fingerprint256, validTo: new Date(c.validTo).toISOString() };
      })
    : null;
  const publicKey = m.publicKeyPath
    ? attempt(problems, `${prefix}publicKeyPath`, '微信支付公钥文件无法读取或不是 PEM 公钥', () => spkiSha256(createPublicKey(readFileSync(m.publicKeyPath!))))
    : null;
  if (m.publicKeyPath && !m.publicKeyId) problems.push({ path: `${prefix}publicKeyId`, message: '使用微信支付公钥时须填写公钥 ID' });
  const merchantCert = cert ? { serial: cert.serialNumber.toUpperCase(), validTo: new Date(cert.validTo).toISOString() } : null;
  return { fingerprints: { privateKey, merchantCert, apiV3Key, platformCert, publicKey }, problems, mismatches };
}

/** The settings as stored (paths and references, no key material): shown to admins and written to the audit log. */
export function merchantReferences(m: CharityDoc['merchant'] | TMerchantSettings) {
  return {
    mchId: m.mchId,
    serialNo: m.serialNo,
    privateKeyPath: m.privateKeyPath,
    certPath: m.certPath ?? null,
    apiV3KeyRef: m.apiV3KeyRef,
    platformCertPath: m.platformCertPath ?? null,
    publicKeyId: m.publicKeyId ?? null,
    publicKeyPath: m.publicKeyPath ?? null,
    feeRateBp: m.feeRateBp ?? 0,
  };
}

export function presentMerchant(c: CharityDoc): TMerchantView {
  const m = c.merchant;
  const { fingerprints, problems, mismatches } = inspectMerchant(m);
  return {
    charityId: String(c._id),
    ...merchantReferences(m),
    verifyWith: m.platformCertPath ? 'platform_cert' : m.publicKeyPath ? 'public_key' : 'download',
    fingerprints,
    problems,
    mismatches,
    version: c.version ?? 1,
  };
}

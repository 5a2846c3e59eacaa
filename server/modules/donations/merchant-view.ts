/**
 * What a district admin may see of a merchant's keys: SHA-256 fingerprints of what the files
 * and references hold, and what could not be loaded, by field. The key material itself is read
 * here and never leaves this file.
 */
import { createHash, createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TMerchantSettings, TMerchantView } from '@shared/schemas/donations';
import { readApiV3Key } from './merchants';
import type { CharityDoc } from './model';

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex').toUpperCase().replace(/(..)(?!$)/g, '$1:');

type Problem = { path: string; message: string };

function attempt<T>(problems: Problem[], path: string, message: string, load: () => T): T | null {
  try {
    return load();
  } catch {
    problems.push({ path, message });
    return null;
  }
}

/** Loads each key the settings point at; `prefix` names the fields (`merchant.` in the charity form). */
export function inspectMerchant(m: TMerchantSettings, prefix = ''): { fingerprints: TMerchantView['fingerprints']; problems: Problem[] } {
  const problems: Problem[] = [];
  const privateKey = attempt(problems, `${prefix}privateKeyPath`, '商户私钥文件无法读取或不是 PEM 私钥', () =>
    sha256(createPublicKey(createPrivateKey(readFileSync(m.privateKeyPath))).export({ type: 'spki', format: 'der' })),
  );
  const apiV3Key = attempt(problems, `${prefix}apiV3KeyRef`, 'APIv3 密钥无法读取或不是 32 位', () => {
    const key = readApiV3Key(m.apiV3KeyRef);
    if (Buffer.byteLength(key) !== 32) throw new Error('length');
    return sha256(key);
  });
  const platformCert = m.platformCertPath
    ? attempt(problems, `${prefix}platformCertPath`, '平台证书文件无法读取或不是 X.509 证书', () => {
        const cert = new X509Certificate(readFileSync(m.platformCertPath!));
        return { serial: cert.serialNumber.toUpperCase(), sha256: cert.fingerprint256, validTo: new Date(cert.validTo).toISOString() };
      })
    : null;
  const publicKey = m.publicKeyPath
    ? attempt(problems, `${prefix}publicKeyPath`, '微信支付公钥文件无法读取或不是 PEM 公钥', () => sha256(createPublicKey(readFileSync(m.publicKeyPath!)).export({ type: 'spki', format: 'der' })))
    : null;
  if (m.publicKeyPath && !m.publicKeyId) problems.push({ path: `${prefix}publicKeyId`, message: '使用微信支付公钥时须填写公钥 ID' });
  return { fingerprints: { privateKey, apiV3Key, platformCert, publicKey }, problems };
}

/** The settings as stored (paths and references, no key material): shown to admins and written to the audit log. */
export function merchantReferences(m: CharityDoc['merchant'] | TMerchantSettings) {
  return {
    mchId: m.mchId,
    serialNo: m.serialNo,
    privateKeyPath: m.privateKeyPath,
    apiV3KeyRef: m.apiV3KeyRef,
    platformCertPath: m.platformCertPath ?? null,
    publicKeyId: m.publicKeyId ?? null,
    publicKeyPath: m.publicKeyPath ?? null,
    feeRateBp: m.feeRateBp ?? 0,
  };
}

export function presentMerchant(c: CharityDoc): TMerchantView {
  const m = c.merchant;
  const { fingerprints, problems } = inspectMerchant(m as TMerchantSettings);
  return {
    charityId: String(c._id),
    ...merchantReferences(m),
    verifyWith: m.platformCertPath ? 'platform_cert' : m.publicKeyPath ? 'public_key' : 'download',
    fingerprints,
    problems,
    version: c.version ?? 1,
  };
}

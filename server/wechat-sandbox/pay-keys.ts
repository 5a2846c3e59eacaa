/**
 * The sandbox's WeChat Pay credentials: a merchant key pair with its certificate (what a merchant
 * downloads as apiclient_key.pem / apiclient_cert.pem), the platform key pair with its certificate
 * (WeChat's side), and the APIv3 key. Generated fresh, or loaded from / saved to a folder so a dev
 * API server can keep using the same files across sandbox restarts.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCertificate } from './x509';

export interface SandboxPayKeys {
  mchId: string;
  /** 32 ASCII characters, the AES-256-GCM key for notifications and certificate downloads. */
  apiV3Key: string;
  merchantPrivateKeyPem: string;
  merchantCertPem: string;
  merchantCertSerial: string;
  platformPrivateKeyPem: string;
  platformCertPem: string;
  platformPublicKeyPem: string;
  platformSerial: string;
}

const FILES = {
  merchantKey: 'apiclient_key.pem',
  merchantCert: 'apiclient_cert.pem',
  platformKey: 'platform_key.pem',
  platformCert: 'platform_cert.pem',
  settings: 'merchant.json',
} as const;

function apiV3Key(): string {
  // WeChat's APIv3 key is 32 characters of [A-Za-z0-9].
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(32), (b) => alphabet[b % alphabet.length]).join('');
}

export function generatePayKeys(mchId = '1900000109'): SandboxPayKeys {
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ca = { C: 'CN', O: 'Tenpay.com', OU: 'Tenpay.com CA Center', CN: 'Tenpay.com Root CA (sandbox)' };
  const merchantCert = createCertificate({
    subject: { C: 'CN', O: '微信商户系统（沙箱）', OU: 'Linli sandbox merchant', CN: mchId },
    issuer: ca,
    publicKey: merchant.publicKey,
    signingKey: platform.privateKey,
  });
  const platformCert = createCertificate({
    subject: { C: 'CN', O: '财付通支付科技有限公司', OU: '财付通支付科技有限公司', CN: 'Tenpay.com sign (sandbox)' },
    issuer: ca,
    publicKey: platform.publicKey,
    signingKey: platform.privateKey,
  });
  return {
    mchId,
    apiV3Key: apiV3Key(),
    merchantPrivateKeyPem: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    merchantCertPem: merchantCert.pem,
    merchantCertSerial: merchantCert.serialNo,
    platformPrivateKeyPem: platform.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    platformCertPem: platformCert.pem,
    platformPublicKeyPem: platform.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    platformSerial: platformCert.serialNo,
  };
}

/** Read keys saved by savePayKeys; undefined when the folder has none. */
export function loadPayKeys(dir: string): SandboxPayKeys | undefined {
  if (!existsSync(join(dir, FILES.settings))) return undefined;
  const settings = JSON.parse(readFileSync(join(dir, FILES.settings), 'utf8')) as { mchId: string; apiV3Key: string };
  const merchantPrivateKeyPem = readFileSync(join(dir, FILES.merchantKey), 'utf8');
  const merchantCertPem = readFileSync(join(dir, FILES.merchantCert), 'utf8');
  const platformPrivateKeyPem = readFileSync(join(dir, FILES.platformKey), 'utf8');
  const platformCertPem = readFileSync(join(dir, FILES.platformCert), 'utf8');
  createPrivateKey(merchantPrivateKeyPem);
  const platformCert = new X509Certificate(platformCertPem);
  return {
    mchId: settings.mchId,
    apiV3Key: settings.apiV3Key,
    merchantPrivateKeyPem,
    merchantCertPem,
    merchantCertSerial: new X509Certificate(merchantCertPem).serialNumber.toUpperCase(),
    platformPrivateKeyPem,
    platformCertPem,
    platformPublicKeyPem: createPublicKey(platformCertPem).export({ type: 'spki', format: 'pem' }).toString(),
    platformSerial: platformCert.serialNumber.toUpperCase(),
  };
}

/** Save keys (private keys readable by the owner only); returns the paths a dev API server needs. */
export function savePayKeys(dir: string, keys: SandboxPayKeys): { privateKeyPath: string; platformCertPath: string } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, FILES.merchantKey), keys.merchantPrivateKeyPem, { mode: 0o600 });
  writeFileSync(join(dir, FILES.merchantCert), keys.merchantCertPem);
  writeFileSync(join(dir, FILES.platformKey), keys.platformPrivateKeyPem, { mode: 0o600 });
  writeFileSync(join(dir, FILES.platformCert), keys.platformCertPem);
  writeFileSync(join(dir, FILES.settings), JSON.stringify({ mchId: keys.mchId, apiV3Key: keys.apiV3Key }, null, 2), {
    mode: 0o600,
  });
  return { privateKeyPath: join(dir, FILES.merchantKey), platformCertPath: join(dir, FILES.platformCert) };
}

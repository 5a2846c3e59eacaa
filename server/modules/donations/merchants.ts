/**
 * One WeChat Pay client per charity (each charity is its own merchant, DECISIONS "Donations"),
 * built from the settings in the database: mchid, certificate serial, the merchant key's file
 * path and a reference to the APIv3 key (`env:NAME` or `file:/path`), and the platform
 * certificate or the newer WeChat Pay public key (公钥 ID). Key material is read from files and
 * the environment, never stored in the database. Clients are cached per charity and version.
 */
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import type { AppDeps } from '../../deps';
import { createPayClient, type PayClient } from '../../wechat';
import type { CharityDoc } from './model';

export const NOTIFY_PATH = '/api/payments/wechat/notify';

export const notifyUrl = (deps: AppDeps): string => `${deps.config.PUBLIC_BASE_URL.replace(/\/$/, '')}${NOTIFY_PATH}`;

interface Cached {
  version: number;
  client: PayClient;
  /** Serials / public key ids this merchant verifies with; empty = downloads certificates. */
  platformIds: Set<string>;
}
const cache = new Map<string, Cached>();

export function readApiV3Key(ref: string): string {
  if (ref.startsWith('env:')) {
    const value = process.env[ref.slice(4)];
    if (!value) throw new Error(`APIv3 key reference ${ref}: the variable is not set`);
    return value.trim();
  }
  return readFileSync(ref.slice(5), 'utf8').trim();
}

function build(deps: AppDeps, charity: CharityDoc): Cached {
  const m = charity.merchant;
  const platformCertPem = m.platformCertPath ? readFileSync(m.platformCertPath, 'utf8') : undefined;
  const publicKeyPem = m.publicKeyPath ? readFileSync(m.publicKeyPath, 'utf8') : undefined;
  const platformIds = new Set<string>();
  if (platformCertPem) platformIds.add(new X509Certificate(platformCertPem).serialNumber.toUpperCase());
  if (publicKeyPem && m.publicKeyId) platformIds.add(m.publicKeyId.toUpperCase());
  const client = createPayClient({
    payBase: deps.config.WECHAT_PAY_BASE,
    appId: deps.config.WECHAT_APP_ID,
    mchId: m.mchId,
    serialNo: m.serialNo,
    privateKeyPem: readFileSync(m.privateKeyPath, 'utf8'),
    apiV3Key: readApiV3Key(m.apiV3KeyRef),
    platformCertPem,
    platformPublicKeyPem: publicKeyPem,
    platformPublicKeyId: publicKeyPem ? m.publicKeyId : undefined,
  });
  return { version: charity.version ?? 1, client, platformIds };
}

function cached(deps: AppDeps, charity: CharityDoc): Cached {
  const key = `${deps.config.WECHAT_PAY_BASE}|${String(charity._id)}`;
  const hit = cache.get(key);
  if (hit && hit.version === (charity.version ?? 1)) return hit;
  const fresh = build(deps, charity);
  cache.set(key, fresh);
  return fresh;
}

export const payClientFor = (deps: AppDeps, charity: CharityDoc): PayClient => cached(deps, charity).client;

/** Whether this merchant may have signed with `serial` (or downloads its certificates, so may). */
export function mayVerify(deps: AppDeps, charity: CharityDoc, serial: string | undefined): boolean {
  if (!serial) return false;
  const ids = cached(deps, charity).platformIds;
  return ids.size === 0 || ids.has(serial.toUpperCase());
}

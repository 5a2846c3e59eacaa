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
import { createPayClient, WechatPayError, type PayClient } from '../../wechat';
import { inspectMerchant } from './merchant-view';
import { Charity, type CharityDoc } from './model';

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

/** Thrown instead of building a client whose key is not the certificate's: WeChat would refuse every request. */
export class MerchantKeyMismatch extends WechatPayError {
  constructor(charity: CharityDoc, fields: { path: string }[]) {
    super('misconfigured', `merchant_key_mismatch: charity ${String(charity._id)} (${fields.map((f) => f.path).join(', ')})`, 'merchant_key_mismatch');
  }
}

/**
 * Start-up: every charity's private key against its merchant certificate and serial. A mismatch
 * (or settings that cannot be checked) is logged with the error id `merchant_key_mismatch`, so
 * the operator sees it before the first donation fails; that charity's orders are refused
 * (`wechat_pay_unavailable`) until the settings are fixed.
 */
export async function checkMerchantKeys(logger: Pick<AppDeps['logger'], 'error'>): Promise<number> {
  let bad = 0;
  for (const charity of await Charity.find({}, { name: 1, merchant: 1 }).lean<CharityDoc[]>()) {
    const { problems, mismatches } = inspectMerchant(charity.merchant);
    if (!mismatches.length && !problems.length) continue;
    bad += 1;
    logger.error({ code: mismatches.length ? 'merchant_key_mismatch' : 'merchant_unreadable', charityId: String(charity._id), name: charity.name, fields: [...mismatches, ...problems] }, 'charity merchant keys do not check out');
  }
  return bad;
}

function build(deps: AppDeps, charity: CharityDoc): Cached {
  const m = charity.merchant;
  const { mismatches } = inspectMerchant(m);
  if (mismatches.length) throw new MerchantKeyMismatch(charity, mismatches);
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

/** The charity's client, or null when its key is not its certificate's (jobs skip that charity instead of stopping). */
export function usablePayClient(deps: AppDeps, charity: CharityDoc): PayClient | null {
  try {
    return payClientFor(deps, charity);
  } catch (err) {
    if (err instanceof MerchantKeyMismatch) return null;
    throw err;
  }
}

/** Whether this merchant may have signed with `serial` (or downloads its certificates, so may). */
export function mayVerify(deps: AppDeps, charity: CharityDoc, serial: string | undefined): boolean {
  if (!serial) return false;
  let ids: Set<string>;
  try {
    ids = cached(deps, charity).platformIds;
  } catch (err) {
    // One charity's broken key must not break every other charity's notifications; its own are
    // refused and WeChat retries them (for 24 h) until the settings are fixed.
    if (err instanceof MerchantKeyMismatch) return false;
    throw err;
  }
  return ids.size === 0 || ids.has(serial.toUpperCase());
}

/** Builds the Pay client config from the server's environment variables (names as in config/env.ts). */
import { readFileSync } from 'node:fs';
import type { PayClientConfig } from './pay-client';

export interface PayEnv {
  WECHAT_APP_ID: string;
  WECHAT_PAY_BASE: string;
  WECHAT_PAY_MCH_ID?: string;
  WECHAT_PAY_SERIAL_NO?: string;
  WECHAT_PAY_PRIVATE_KEY_PATH?: string;
  WECHAT_PAY_APIV3_KEY?: string;
  WECHAT_PAY_PLATFORM_CERT_PATH?: string;
}

const REQUIRED = ['WECHAT_PAY_MCH_ID', 'WECHAT_PAY_SERIAL_NO', 'WECHAT_PAY_PRIVATE_KEY_PATH', 'WECHAT_PAY_APIV3_KEY'] as const;

/**
 * undefined when WeChat Pay is not configured at all; throws (naming the variable, never a value)
 * when it is half configured or a key file cannot be read. Without WECHAT_PAY_PLATFORM_CERT_PATH the
 * client downloads platform certificates from /v3/certificates.
 */
export function payClientConfigFromEnv(env: PayEnv): PayClientConfig | undefined {
  const missing = REQUIRED.filter((name) => !env[name]);
  if (missing.length === REQUIRED.length) return undefined;
  if (missing.length > 0) throw new Error(`WeChat Pay is partly configured; missing ${missing.join(', ')}`);
  const read = (name: 'WECHAT_PAY_PRIVATE_KEY_PATH' | 'WECHAT_PAY_PLATFORM_CERT_PATH'): string => {
    try {
      return readFileSync(env[name] as string, 'utf8');
    } catch (error) {
      throw new Error(`${name}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  };
  return {
    payBase: env.WECHAT_PAY_BASE,
    appId: env.WECHAT_APP_ID,
    mchId: env.WECHAT_PAY_MCH_ID as string,
    serialNo: env.WECHAT_PAY_SERIAL_NO as string,
    privateKeyPem: read('WECHAT_PAY_PRIVATE_KEY_PATH'),
    apiV3Key: env.WECHAT_PAY_APIV3_KEY as string,
    platformCertPem: env.WECHAT_PAY_PLATFORM_CERT_PATH ? read('WECHAT_PAY_PLATFORM_CERT_PATH') : undefined,
  };
}

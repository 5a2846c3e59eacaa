import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePayKeys } from '../wechat-sandbox';
import { payClientConfigFromEnv } from './config';

describe('payClientConfigFromEnv', () => {
  const base = { WECHAT_APP_ID: 'wx1', WECHAT_PAY_BASE: 'https://api.mch.weixin.qq.com' };

  it('when nothing is set, Pay is off', () => {
    expect(payClientConfigFromEnv(base)).toBeUndefined();
  });

  it('when half configured, it names what is missing and never prints a value', () => {
    expect(() => payClientConfigFromEnv({ ...base, WECHAT_PAY_MCH_ID: '1900000109', WECHAT_PAY_APIV3_KEY: 's'.repeat(32) })).toThrow(
      /missing WECHAT_PAY_SERIAL_NO, WECHAT_PAY_PRIVATE_KEY_PATH$/,
    );
  });

  it('when fully configured, it reads the key files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-pay-'));
    try {
      const keys = generatePayKeys();
      writeFileSync(join(dir, 'key.pem'), keys.merchantPrivateKeyPem);
      writeFileSync(join(dir, 'platform.pem'), keys.platformCertPem);
      const env = {
        ...base,
        WECHAT_PAY_MCH_ID: keys.mchId,
        WECHAT_PAY_SERIAL_NO: keys.merchantCertSerial,
        WECHAT_PAY_PRIVATE_KEY_PATH: join(dir, 'key.pem'),
        WECHAT_PAY_APIV3_KEY: keys.apiV3Key,
        WECHAT_PAY_PLATFORM_CERT_PATH: join(dir, 'platform.pem'),
      };
      expect(payClientConfigFromEnv(env)).toMatchObject({
        payBase: base.WECHAT_PAY_BASE,
        mchId: keys.mchId,
        privateKeyPem: keys.merchantPrivateKeyPem,
        platformCertPem: keys.platformCertPem,
      });
      expect(() => payClientConfigFromEnv({ ...env, WECHAT_PAY_PRIVATE_KEY_PATH: join(dir, 'missing.pem') })).toThrow(
        'WECHAT_PAY_PRIVATE_KEY_PATH: cannot read the file (ENOENT)',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

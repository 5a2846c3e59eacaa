/**
 * `npm run sandbox`: run the WeChat sandbox in the foreground for local development.
 * Port from WECHAT_SANDBOX_PORT (default 3100). Never used in production.
 * Pay keys are kept under $LINLI_DATA_DIR/wechat-sandbox (default ./data) so an API server
 * configured with the printed variables keeps working across sandbox restarts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generatePayKeys, loadPayKeys, savePayKeys, startWechatSandbox } from './index';

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    process.stderr.write('The WeChat sandbox is for development and tests only; refusing to start with NODE_ENV=production.\n');
    process.exit(1);
  }
  const port = Number(process.env.WECHAT_SANDBOX_PORT ?? 3100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`WECHAT_SANDBOX_PORT must be a port number, got "${process.env.WECHAT_SANDBOX_PORT}"\n`);
    process.exit(1);
  }
  const keyDir = resolve(join(process.env.LINLI_DATA_DIR || './data', 'wechat-sandbox'));
  const payKeys = loadPayKeys(keyDir) ?? generatePayKeys(process.env.WECHAT_PAY_MCH_ID || undefined);
  const paths = savePayKeys(keyDir, payKeys);
  // The mini-program AppID/secret also stay the same across restarts unless given in the environment.
  const appFile = join(keyDir, 'app.json');
  const saved = existsSync(appFile)
    ? (JSON.parse(readFileSync(appFile, 'utf8')) as { appId: string; appSecret: string })
    : { appId: 'wxsandbox000000001', appSecret: randomBytes(16).toString('hex') };
  writeFileSync(appFile, JSON.stringify(saved, null, 2), { mode: 0o600 });
  const sandbox = await startWechatSandbox({
    port,
    host: process.env.WECHAT_SANDBOX_HOST ?? '127.0.0.1',
    appId: process.env.WECHAT_APP_ID || saved.appId,
    appSecret: process.env.WECHAT_APP_SECRET || saved.appSecret,
    payKeys,
    mediaCheckCallbackUrl: process.env.WECHAT_SANDBOX_MEDIA_CALLBACK_URL || undefined,
  });
  const lines = [
    `微信沙箱已启动 / WeChat sandbox listening on ${sandbox.url}`,
    `  订阅消息 / subscribe messages: ${sandbox.url}/sandbox/messages`,
    `  支付订单 / pay orders:         ${sandbox.url}/sandbox/pay/orders.json (pay one: POST ${sandbox.url}/sandbox/pay/<out_trade_no>/succeed)`,
    '',
    'Point the API at it with (sandbox credentials only, not secrets of any real account):',
    `  WECHAT_API_BASE=${sandbox.url}`,
    `  WECHAT_APP_ID=${sandbox.appId}`,
    `  WECHAT_APP_SECRET=${sandbox.appSecret}`,
    `  WECHAT_PAY_BASE=${sandbox.url}`,
    `  WECHAT_PAY_MCH_ID=${sandbox.pay.mchId}`,
    `  WECHAT_PAY_SERIAL_NO=${sandbox.pay.merchantCertSerial}`,
    `  WECHAT_PAY_PRIVATE_KEY_PATH=${paths.privateKeyPath}`,
    `  WECHAT_PAY_APIV3_KEY=${sandbox.pay.apiV3Key}`,
    `  WECHAT_PAY_PLATFORM_CERT_PATH=${paths.platformCertPath}`,
    '',
    'Login codes: sandbox:<openid> (reusable) or sandbox:<openid>:<nonce> (single use). Phone codes: phone:<11 digits>.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = (): void => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();

/**
 * `npm run sandbox`: run the WeChat sandbox in the foreground for local development.
 * Port from WECHAT_SANDBOX_PORT (default 3100). Never used in production.
 */
import { startWechatSandbox } from './index';

async function main(): Promise<void> {
  const port = Number(process.env.WECHAT_SANDBOX_PORT ?? 3100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`WECHAT_SANDBOX_PORT must be a port number, got "${process.env.WECHAT_SANDBOX_PORT}"\n`);
    process.exit(1);
  }
  const sandbox = await startWechatSandbox({
    port,
    host: process.env.WECHAT_SANDBOX_HOST ?? '127.0.0.1',
    appId: process.env.WECHAT_APP_ID || undefined,
    appSecret: process.env.WECHAT_APP_SECRET || undefined,
  });
  const lines = [
    `微信沙箱已启动 / WeChat sandbox listening on ${sandbox.url}`,
    `  订阅消息 / subscribe messages: ${sandbox.url}/sandbox/messages`,
    '',
    'Point the API at it with:',
    `  WECHAT_API_BASE=${sandbox.url}`,
    `  WECHAT_APP_ID=${sandbox.appId}`,
    `  WECHAT_APP_SECRET=${sandbox.appSecret}`,
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

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startWechatSandbox, type Sandbox } from '../wechat-sandbox';
import { createWechatClient, parseMediaCheckEvent, verifyPushSignature, WechatError, type WechatClient } from '.';

let sandbox: Sandbox;
let client: WechatClient;

beforeEach(async () => {
  sandbox = await startWechatSandbox({ port: 0 });
  client = createWechatClient({ apiBase: sandbox.url, appId: sandbox.appId, appSecret: sandbox.appSecret, timeoutMs: 2000 });
});

afterEach(async () => {
  await sandbox.stop();
});

async function rejection(promise: Promise<unknown>): Promise<WechatError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WechatError) return error;
    throw error;
  }
  throw new Error('expected a WechatError');
}

describe('code2Session', () => {
  it('when the code is sandbox:<openid>, returns that openid, a session key and a unionid, again and again', async () => {
    const first = await client.code2Session('sandbox:resident_001');
    expect(first.openid).toBe('resident_001');
    expect(Buffer.from(first.sessionKey, 'base64')).toHaveLength(16);
    expect(first.unionid).toBe('sandbox_union_resident_001');
    const again = await client.code2Session(sandbox.loginCodeFor('resident_001'));
    expect(again).toEqual(first);
  });

  it('when the code carries a nonce, it works once and then fails with 40163 invalid_code', async () => {
    await expect(client.code2Session('sandbox:resident_002:n1')).resolves.toMatchObject({ openid: 'resident_002' });
    const error = await rejection(client.code2Session('sandbox:resident_002:n1'));
    expect(error).toMatchObject({ kind: 'invalid_code', errcode: 40163 });
  });

  it('when the code is anything else, fails with 40029 invalid_code', async () => {
    const error = await rejection(client.code2Session('0a3b9c'));
    expect(error).toMatchObject({ kind: 'invalid_code', errcode: 40029 });
  });

  it('when the appid or secret is wrong, fails as misconfigured without leaking the secret', async () => {
    const wrongSecret = createWechatClient({ apiBase: sandbox.url, appId: sandbox.appId, appSecret: 'not-the-secret' });
    const error = await rejection(wrongSecret.code2Session('sandbox:x'));
    expect(error).toMatchObject({ kind: 'misconfigured', errcode: 40125 });
    expect(error.message).not.toContain('not-the-secret');
    const wrongApp = createWechatClient({ apiBase: sandbox.url, appId: 'wx0', appSecret: sandbox.appSecret });
    await expect(rejection(wrongApp.code2Session('sandbox:x'))).resolves.toMatchObject({ errcode: 40013 });
  });

  it('when WeChat answers 500 or cannot be reached, fails as unavailable', async () => {
    sandbox.injectFault({ path: '/sns/jscode2session', httpStatus: 500 });
    await expect(rejection(client.code2Session('sandbox:a'))).resolves.toMatchObject({ kind: 'unavailable', httpStatus: 500 });
    const url = sandbox.url;
    await sandbox.stop();
    const offline = createWechatClient({ apiBase: url, appId: 'a', appSecret: 'b', timeoutMs: 500 });
    await expect(rejection(offline.code2Session('sandbox:a'))).resolves.toMatchObject({ kind: 'unavailable' });
    sandbox = await startWechatSandbox({ port: 0 });
  });

  it('when WeChat does not answer in time, fails as unavailable instead of hanging', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as AddressInfo;
    const slow = createWechatClient({ apiBase: `http://127.0.0.1:${port}`, appId: 'a', appSecret: 'b', timeoutMs: 200 });
    const error = await rejection(slow.code2Session('sandbox:a'));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/timed out/);
    silent.closeAllConnections();
    await new Promise((r) => silent.close(r));
  });
});

describe('access token', () => {
  it('when many calls ask at once, one token is fetched and then reused from the cache', async () => {
    const tokens = await Promise.all(Array.from({ length: 10 }, () => client.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(sandbox.tokenRequests()).toBe(1);
    await client.getAccessToken();
    await client.msgSecCheck({ openid: 'o1', content: '你好', scene: 2 });
    expect(sandbox.tokenRequests()).toBe(1);
  });

  it('when the token is within 5 minutes of expiry, a new one is fetched', async () => {
    let now = Date.now();
    const clocked = createWechatClient({
      apiBase: sandbox.url,
      appId: sandbox.appId,
      appSecret: sandbox.appSecret,
      now: () => now,
    });
    const first = await clocked.getAccessToken();
    now += (7200 - 301) * 1000;
    expect(await clocked.getAccessToken()).toBe(first);
    now += 2000;
    await clocked.getAccessToken();
    expect(sandbox.tokenRequests()).toBe(2);
  });

  it('when WeChat says the token is no longer valid, the client refreshes it once and the call succeeds', async () => {
    await client.getAccessToken();
    sandbox.revokeAccessTokens();
    await expect(client.msgSecCheck({ openid: 'o1', content: '你好', scene: 2 })).resolves.toMatchObject({ suggest: 'pass' });
    expect(sandbox.tokenRequests()).toBe(2);
  });

  it('raw endpoints refuse a missing or unknown access_token with 41001 / 40001', async () => {
    const missing = await fetch(`${sandbox.url}/wxa/msg_sec_check`, { method: 'POST', body: '{}' }).then((r) => r.json());
    expect(missing.errcode).toBe(41001);
    const bad = await fetch(`${sandbox.url}/wxa/msg_sec_check?access_token=nope`, { method: 'POST', body: '{}' }).then((r) =>
      r.json(),
    );
    expect(bad.errcode).toBe(40001);
    const classic = await fetch(
      `${sandbox.url}/cgi-bin/token?grant_type=client_credential&appid=${sandbox.appId}&secret=${sandbox.appSecret}`,
    ).then((r) => r.json());
    expect(classic).toEqual({ access_token: expect.any(String), expires_in: 7200 });
  });
});

describe('getPhoneNumber', () => {
  it('when the code comes from phoneCodeFor, returns the number', async () => {
    await expect(client.getPhoneNumber(sandbox.phoneCodeFor('13800138000'))).resolves.toEqual({
      phoneNumber: '13800138000',
      purePhoneNumber: '13800138000',
      countryCode: '86',
    });
  });

  it('when the code is invalid, fails with 40029 invalid_code', async () => {
    await expect(rejection(client.getPhoneNumber('phone:123'))).resolves.toMatchObject({ kind: 'invalid_code', errcode: 40029 });
  });
});

describe('sendSubscribeMessage', () => {
  const message = {
    touser: 'resident_001',
    templateId: 'TPL_ACTIVITY_REMINDER',
    page: 'pages/activity/detail/index?id=1',
    data: { thing1: { value: '社区清洁' }, time2: { value: '2025-05-01 09:00' } },
  };

  it('when sent, it is recorded and listed on the sandbox pages', async () => {
    const result = await client.sendSubscribeMessage(message);
    expect(result).toEqual({ ok: true, msgid: expect.any(Number) });
    expect(sandbox.sentMessages()).toEqual([
      expect.objectContaining({ touser: 'resident_001', template_id: 'TPL_ACTIVITY_REMINDER', data: message.data }),
    ]);
    const json = await fetch(`${sandbox.url}/sandbox/messages.json`).then((r) => r.json());
    expect(json.messages).toHaveLength(1);
    const html = await fetch(`${sandbox.url}/sandbox/messages`).then((r) => r.text());
    expect(html).toContain('已发送的订阅消息');
    expect(html).toContain('社区清洁');
  });

  it('when the user has no remaining consent (43101), the failure is not retryable and nothing is recorded', async () => {
    sandbox.injectFault({ path: '/cgi-bin/message/subscribe/send', errcode: 43101, errmsg: 'user refuse to accept the msg' });
    const result = await client.sendSubscribeMessage(message);
    expect(result).toMatchObject({ ok: false, errcode: 43101, retryable: false });
    expect(sandbox.sentMessages()).toHaveLength(0);
  });

  it('when WeChat is busy (-1) or answers 500, the failure is retryable and a later try succeeds', async () => {
    const res = await fetch(`${sandbox.url}/sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ path: '/cgi-bin/message/subscribe/send', errcode: -1, times: 1 }),
    });
    expect(res.status).toBe(200);
    sandbox.injectFault({ path: '/cgi-bin/message/subscribe/send', httpStatus: 500 });
    await expect(client.sendSubscribeMessage(message)).resolves.toMatchObject({ ok: false, errcode: -1, retryable: true });
    await expect(client.sendSubscribeMessage(message)).resolves.toMatchObject({ ok: false, retryable: true });
    await expect(client.sendSubscribeMessage(message)).resolves.toMatchObject({ ok: true });
    expect(sandbox.sentMessages()).toHaveLength(1);
  });

  it('when the template data is malformed, the failure is not retryable', async () => {
    const result = await client.sendSubscribeMessage({ ...message, data: { thing1: { value: 3 as unknown as string } } });
    expect(result).toMatchObject({ ok: false, errcode: 47003, retryable: false });
  });
});

describe('msgSecCheck', () => {
  it.each([
    ['欢迎大家周六来参加社区清洁活动', 'pass'],
    ['这段话里有待审词，需要人工看一下', 'review'],
    ['这里含有违禁词', 'risky'],
  ])('when the text is %s, the verdict is %s', async (content, suggest) => {
    const result = await client.msgSecCheck({ openid: 'resident_001', content, scene: 3 });
    expect(result.suggest).toBe(suggest);
    expect(result.traceId).toEqual(expect.any(String));
  });

  it('when custom word lists are configured, they decide', async () => {
    const custom = await startWechatSandbox({ riskyWords: ['苹果'], reviewWords: ['香蕉'] });
    const c = createWechatClient({ apiBase: custom.url, appId: custom.appId, appSecret: custom.appSecret });
    await expect(c.msgSecCheck({ openid: 'o', content: '吃苹果', scene: 2 })).resolves.toMatchObject({ suggest: 'risky' });
    await expect(c.msgSecCheck({ openid: 'o', content: '吃香蕉', scene: 2 })).resolves.toMatchObject({ suggest: 'review' });
    await expect(c.msgSecCheck({ openid: 'o', content: '违禁词', scene: 2 })).resolves.toMatchObject({ suggest: 'pass' });
    await custom.stop();
  });

  it('when the text is longer than 2500 characters, it is refused by the client and by the sandbox', async () => {
    const long = '长'.repeat(2501);
    await expect(rejection(client.msgSecCheck({ openid: 'o', content: long, scene: 2 }))).resolves.toMatchObject({
      kind: 'invalid_request',
    });
    const token = await client.getAccessToken();
    const raw = await fetch(`${sandbox.url}/wxa/msg_sec_check?access_token=${token}`, {
      method: 'POST',
      body: JSON.stringify({ version: 2, openid: 'o', scene: 2, content: long }),
    }).then((r) => r.json());
    expect(raw.errcode).toBe(87014);
    await expect(client.msgSecCheck({ openid: 'o', content: '长'.repeat(2500), scene: 2 })).resolves.toMatchObject({
      suggest: 'pass',
    });
  });
});

describe('mediaCheckAsync', () => {
  it('when an image is checked, the verdict is pushed, signed, to the callback URL and can be polled', async () => {
    const received: { query: URLSearchParams; body: unknown }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ query: new URL(req.url ?? '/', 'http://x').searchParams, body: JSON.parse(Buffer.concat(chunks).toString()) });
        res.end('success');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const { port } = receiver.address() as AddressInfo;
    const pushing = await startWechatSandbox({ mediaCheckCallbackUrl: `http://127.0.0.1:${port}/wechat/push` });
    const c = createWechatClient({ apiBase: pushing.url, appId: pushing.appId, appSecret: pushing.appSecret });

    const { traceId } = await c.mediaCheckAsync({ openid: 'o1', mediaUrl: 'https://cdn.example/risky-photo.jpg', mediaType: 'image', scene: 3 });
    for (let i = 0; i < 50 && received.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(received).toHaveLength(1);
    const q = received[0].query;
    const signed = { signature: q.get('signature') ?? '', timestamp: q.get('timestamp') ?? '', nonce: q.get('nonce') ?? '' };
    expect(verifyPushSignature(signed, pushing.messageToken)).toBe(true);
    expect(verifyPushSignature(signed, 'other-token')).toBe(false);
    expect(parseMediaCheckEvent(received[0].body)).toEqual({ traceId, suggest: 'risky', label: 20002 });

    const polled = await fetch(`${pushing.url}/sandbox/media-checks/${traceId}`).then((r) => r.json());
    expect(polled).toMatchObject({ trace_id: traceId, delivery: 'pushed', result: { suggest: 'risky' } });
    await pushing.stop();
    await new Promise((r) => receiver.close(r));
  });

  it('when no callback is configured, a clean image is polled as pass', async () => {
    const { traceId } = await client.mediaCheckAsync({ openid: 'o1', mediaUrl: 'https://cdn.example/a.jpg', mediaType: 'image', scene: 1 });
    const polled = await fetch(`${sandbox.url}/sandbox/media-checks/${traceId}`).then((r) => r.json());
    expect(polled).toMatchObject({ result: { suggest: 'pass' }, delivery: 'none' });
  });
});

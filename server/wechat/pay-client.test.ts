import { createPublicKey, createSign, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generatePayKeys, startWechatSandbox, type Sandbox, type SandboxPayKeys } from '../wechat-sandbox';
import { createPayClient, WechatPayError, type PayClient, type PayClientConfig } from '.';

interface Received {
  headers: IncomingHttpHeaders;
  rawBody: string;
}

/** A merchant notify endpoint that records requests and fails the first `failFirst` of them. */
async function startReceiver(failFirst = 0): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  let failures = failFirst;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      if (failures > 0) {
        failures -= 1;
        res.writeHead(500).end('{"code":"FAIL","message":"busy"}');
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/pay/notify`, received, close: () => new Promise((r) => server.close(() => r())) };
}

async function waitFor<T>(probe: () => T | undefined, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function rejection(promise: Promise<unknown>): Promise<WechatPayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WechatPayError) return error;
    throw error;
  }
  throw new Error('expected a WechatPayError');
}

let keys: SandboxPayKeys;
let sandbox: Sandbox;
let config: PayClientConfig;
let client: PayClient;

beforeAll(() => {
  keys = generatePayKeys('1900000109');
});

beforeEach(async () => {
  sandbox = await startWechatSandbox({ payKeys: keys, notifyRetryDelaysMs: [30, 60, 120], refundDelayMs: 20 });
  config = {
    payBase: sandbox.url,
    appId: sandbox.appId,
    mchId: sandbox.pay.mchId,
    serialNo: sandbox.pay.merchantCertSerial,
    privateKeyPem: sandbox.pay.merchantPrivateKeyPem,
    apiV3Key: sandbox.pay.apiV3Key,
    platformCertPem: sandbox.pay.platformCertPem,
    timeoutMs: 2000,
  };
  client = createPayClient(config);
});

afterEach(async () => {
  await sandbox.stop();
});

function order(outTradeNo: string, notifyUrl = 'http://127.0.0.1:9/unused') {
  return { description: '邻里公益-社区助老项目', outTradeNo, amountFen: 1000, openid: 'resident_001', notifyUrl };
}

describe('jsapiPrepay', () => {
  it('when a donation is prepaid, the sandbox accepts the signed request and the pay params are signed by the merchant key', async () => {
    const { prepayId, payParams } = await client.jsapiPrepay(order('LL20250501000001'));
    expect(sandbox.pay.orders()).toEqual([expect.objectContaining({ out_trade_no: 'LL20250501000001', prepay_id: prepayId })]);
    expect(payParams).toMatchObject({ package: `prepay_id=${prepayId}`, signType: 'RSA' });
    const signed = `${sandbox.appId}\n${payParams.timeStamp}\n${payParams.nonceStr}\n${payParams.package}\n`;
    const merchantPublic = createPublicKey(sandbox.pay.merchantCertPem);
    expect(createVerify('RSA-SHA256').update(signed).verify(merchantPublic, payParams.paySign, 'base64')).toBe(true);
    // The same order asked again gets the same prepay id (idempotent).
    await expect(client.jsapiPrepay(order('LL20250501000001'))).resolves.toMatchObject({ prepayId });
  });

  it('when the request is signed with another key, the sandbox answers 401 SIGN_ERROR', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = createPayClient({ ...config, privateKeyPem: other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    const error = await rejection(forged.jsapiPrepay(order('LL20250501000002')));
    expect(error).toMatchObject({ kind: 'misconfigured', code: 'SIGN_ERROR', httpStatus: 401 });
    expect(sandbox.pay.orders()).toHaveLength(0);
  });

  it('when the signed body is altered on the way, the sandbox answers 401 SIGN_ERROR', async () => {
    const body = JSON.stringify({ appid: sandbox.appId, mchid: keys.mchId, description: '捐款', out_trade_no: 'LL20250501000003', notify_url: 'http://127.0.0.1:9/n', amount: { total: 1 }, payer: { openid: 'o1' } });
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    const sign = (text: string): string =>
      createSign('RSA-SHA256').update(`POST\n/v3/pay/transactions/jsapi\n${ts}\n${nonce}\n${text}\n`).sign(keys.merchantPrivateKeyPem, 'base64');
    const auth = (signature: string): string =>
      `WECHATPAY2-SHA256-RSA2048 mchid="${keys.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${ts}",serial_no="${keys.merchantCertSerial}"`;
    const post = (signature: string, text: string) =>
      fetch(`${sandbox.url}/v3/pay/transactions/jsapi`, { method: 'POST', headers: { authorization: auth(signature), 'content-type': 'application/json' }, body: text });

    const tampered = await post(sign(body), body.replace('"total":1', '"total":100'));
    expect(tampered.status).toBe(401);
    expect(await tampered.json()).toMatchObject({ code: 'SIGN_ERROR' });
    const genuine = await post(sign(body), body);
    expect(genuine.status).toBe(200);
    expect(genuine.headers.get('wechatpay-serial')).toBe(keys.platformSerial);
  });

  it('when a response is altered on the way, the client rejects it', async () => {
    // A proxy between client and sandbox rewrites the prepay id but keeps WeChat's signature headers.
    const proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const upstream = await fetch(`${sandbox.url}${req.url}`, {
          method: req.method,
          headers: req.headers as Record<string, string>,
          body: chunks.length ? Buffer.concat(chunks) : undefined,
        });
        const text = (await upstream.text()).replace('"prepay_id":"wx', '"prepay_id":"wy');
        const headers: Record<string, string> = {};
        upstream.headers.forEach((v, k) => {
          if (k.startsWith('wechatpay-')) headers[k] = v;
        });
        res.writeHead(upstream.status, { ...headers, 'content-type': 'application/json' }).end(text);
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const { port } = proxy.address() as AddressInfo;
    const proxied = createPayClient({ ...config, payBase: `http://127.0.0.1:${port}` });
    const error = await rejection(proxied.jsapiPrepay(order('LL20250501000004')));
    expect(error.kind).toBe('bad_signature');
    proxy.closeAllConnections();
    await new Promise((r) => proxy.close(r));
  });

  it('when no platform certificate is configured, it is downloaded from /v3/certificates, decrypted and used', async () => {
    const downloading = createPayClient({ ...config, platformCertPem: undefined });
    await expect(downloading.jsapiPrepay(order('LL20250501000005'))).resolves.toMatchObject({ prepayId: expect.any(String) });
    await downloading.queryOrder('LL20250501000005');
    expect(sandbox.requestCount('/v3/certificates')).toBe(1);
    const wrongKey = createPayClient({ ...config, platformCertPem: undefined, apiV3Key: 'x'.repeat(32) });
    await expect(rejection(wrongKey.queryOrder('LL20250501000005'))).resolves.toMatchObject({ kind: 'bad_signature' });
  });

  it('when WeChat signs with a certificate we were not given (rotation), the new one is downloaded once', async () => {
    const stale = generatePayKeys('1900000109');
    const rotated = createPayClient({ ...config, platformCertPem: stale.platformCertPem });
    await rotated.jsapiPrepay(order('LL20250501000060'));
    await rotated.jsapiPrepay(order('LL20250501000061'));
    expect(sandbox.requestCount('/v3/certificates')).toBe(1);
    const forged = {
      'wechatpay-serial': 'ABCDEF',
      'wechatpay-timestamp': String(Math.floor(Date.now() / 1000)),
      'wechatpay-nonce': 'n',
      'wechatpay-signature': 'x',
    };
    const error = await rejection(rotated.verifyAndDecryptNotification({ headers: forged, rawBody: '{}' }));
    expect(error).toMatchObject({ kind: 'bad_signature', message: expect.stringMatching(/unknown platform serial/) });
    // A forged serial right after a download does not cause another one.
    expect(sandbox.requestCount('/v3/certificates')).toBe(1);
  });
});

describe('payment notification', () => {
  it('when the payer pays, a signed encrypted TRANSACTION.SUCCESS arrives and decrypts to the paid order', async () => {
    const receiver = await startReceiver();
    await client.jsapiPrepay(order('LL20250501000010', receiver.url));
    const res = await fetch(`${sandbox.url}/sandbox/pay/LL20250501000010/succeed`, { method: 'POST' });
    expect(res.status).toBe(200);
    const got = await waitFor(() => receiver.received[0]);
    expect(JSON.parse(got.rawBody)).toMatchObject({
      event_type: 'TRANSACTION.SUCCESS',
      resource_type: 'encrypt-resource',
      resource: { algorithm: 'AEAD_AES_256_GCM', original_type: 'transaction', associated_data: 'transaction' },
    });
    const note = await client.verifyAndDecryptNotification({ headers: got.headers, rawBody: got.rawBody });
    expect(note.eventType).toBe('TRANSACTION.SUCCESS');
    expect(note.resource).toMatchObject({
      out_trade_no: 'LL20250501000010',
      trade_state: 'SUCCESS',
      transaction_id: expect.any(String),
      amount: { total: 1000, payer_total: 1000, currency: 'CNY' },
      payer: { openid: 'resident_001' },
    });
    await expect(client.queryOrder('LL20250501000010')).resolves.toMatchObject({ trade_state: 'SUCCESS', transaction_id: note.resource.transaction_id });
    await receiver.close();
  });

  it('when the notification body, timestamp or ciphertext is tampered, it is rejected', async () => {
    const receiver = await startReceiver();
    await client.jsapiPrepay(order('LL20250501000011', receiver.url));
    sandbox.pay.succeed('LL20250501000011');
    const got = await waitFor(() => receiver.received[0]);
    const altered = got.rawBody.replace('"summary":"支付成功"', '"summary":"支付成功 "');
    await expect(rejection(client.verifyAndDecryptNotification({ headers: got.headers, rawBody: altered }))).resolves.toMatchObject({ kind: 'bad_signature' });
    const stale = { ...got.headers, 'wechatpay-timestamp': String(Math.floor(Date.now() / 1000) - 3600) };
    await expect(rejection(client.verifyAndDecryptNotification({ headers: stale, rawBody: got.rawBody }))).resolves.toMatchObject({ kind: 'bad_signature' });

    // Correctly signed by the platform, but the ciphertext was changed: the GCM tag must catch it.
    const body = JSON.parse(got.rawBody);
    const bytes = Buffer.from(body.resource.ciphertext, 'base64');
    bytes[0] ^= 1;
    body.resource.ciphertext = bytes.toString('base64');
    const forgedBody = JSON.stringify(body);
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = createSign('RSA-SHA256').update(`${ts}\nn\n${forgedBody}\n`).sign(keys.platformPrivateKeyPem, 'base64');
    const headers = { 'wechatpay-timestamp': ts, 'wechatpay-nonce': 'n', 'wechatpay-signature': signature, 'wechatpay-serial': keys.platformSerial };
    const error = await rejection(client.verifyAndDecryptNotification({ headers, rawBody: forgedBody }));
    expect(error.message).toMatch(/decryption failed/);
    await receiver.close();
  });

  it('when the merchant does not acknowledge, the notification is retried with backoff until it answers 204', async () => {
    const receiver = await startReceiver(2);
    await client.jsapiPrepay(order('LL20250501000012', receiver.url));
    sandbox.pay.succeed('LL20250501000012');
    const delivery = await waitFor(() => sandbox.pay.notifications().find((d) => d.delivered));
    expect(delivery.attempts.map((a) => a.status)).toEqual([500, 500, 204]);
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => JSON.parse(r.rawBody).id)).size).toBe(1);
    await receiver.close();
  });

  it('when the payment fails, the order shows PAYERROR and no notification is sent', async () => {
    await client.jsapiPrepay(order('LL20250501000013'));
    expect((await fetch(`${sandbox.url}/sandbox/pay/LL20250501000013/fail`, { method: 'POST' })).status).toBe(200);
    await expect(client.queryOrder('LL20250501000013')).resolves.toMatchObject({ trade_state: 'PAYERROR' });
    expect(sandbox.pay.notifications()).toHaveLength(0);
  });
});

describe('orders and refunds', () => {
  it('when an unpaid order is closed, it shows CLOSED; a paid order cannot be closed; an unknown order is not_found', async () => {
    await client.jsapiPrepay(order('LL20250501000020'));
    await client.closeOrder('LL20250501000020');
    await expect(client.queryOrder('LL20250501000020')).resolves.toMatchObject({ trade_state: 'CLOSED', trade_state_desc: '订单已关闭' });
    await client.jsapiPrepay(order('LL20250501000021'));
    sandbox.pay.succeed('LL20250501000021');
    await expect(rejection(client.closeOrder('LL20250501000021'))).resolves.toMatchObject({ kind: 'rejected', code: 'ORDERPAID' });
    await expect(rejection(client.queryOrder('LL20250501009999'))).resolves.toMatchObject({ kind: 'not_found', code: 'ORDER_NOT_EXIST' });
  });

  it('when a paid donation is refunded, the refund settles, notifies, and cannot exceed what was paid', async () => {
    const receiver = await startReceiver();
    await client.jsapiPrepay(order('LL20250501000030'));
    sandbox.pay.succeed('LL20250501000030');
    const first = await client.refund({ outTradeNo: 'LL20250501000030', outRefundNo: 'RF20250501000030A', refundFen: 600, totalFen: 1000, reason: '捐赠人申请退款', notifyUrl: receiver.url });
    expect(first).toMatchObject({ status: 'PROCESSING', amount: { refund: 600, total: 1000 } });
    const got = await waitFor(() => receiver.received[0]);
    const note = await client.verifyAndDecryptNotification<{ refund_status: string; out_refund_no: string }>(got);
    expect(note).toMatchObject({ eventType: 'REFUND.SUCCESS', resource: { refund_status: 'SUCCESS', out_refund_no: 'RF20250501000030A' } });
    await expect(client.queryRefund('RF20250501000030A')).resolves.toMatchObject({ status: 'SUCCESS', success_time: expect.any(String) });
    await expect(client.queryOrder('LL20250501000030')).resolves.toMatchObject({ trade_state: 'REFUND' });

    const tooMuch = await rejection(client.refund({ outTradeNo: 'LL20250501000030', outRefundNo: 'RF20250501000030B', refundFen: 500, totalFen: 1000 }));
    expect(tooMuch).toMatchObject({ kind: 'rejected', code: 'NOT_ENOUGH' });
    await expect(rejection(client.queryRefund('RF-UNKNOWN'))).resolves.toMatchObject({ kind: 'not_found' });
    await receiver.close();
  });

  it('when the pay server cannot be reached, calls fail as unavailable', async () => {
    const offline = createPayClient({ ...config, payBase: 'http://127.0.0.1:9', timeoutMs: 500 });
    await expect(rejection(offline.queryOrder('LL20250501000040'))).resolves.toMatchObject({ kind: 'unavailable' });
  });
});

import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Pay from 'wechatpay-node-v3';
import { generatePayKeys, loadPayKeys, savePayKeys, startWechatSandbox, type Sandbox } from '.';

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await startWechatSandbox({ port: 0, appId: 'wxtest0001', appSecret: 'test-secret' });
});

afterEach(async () => {
  await sandbox.stop();
});

const get = (path: string) => fetch(`${sandbox.url}${path}`).then(async (r) => ({ status: r.status, body: await r.json() }));
const post = (path: string, body: unknown) =>
  fetch(`${sandbox.url}${path}`, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));

async function token(): Promise<string> {
  const { body } = await get('/cgi-bin/token?grant_type=client_credential&appid=wxtest0001&secret=test-secret');
  return body.access_token;
}

describe('WeChat-shaped answers', () => {
  it('jscode2session answers openid/session_key/unionid, and 40029 / 40013 / 40125 / 40002 on bad input', async () => {
    const q = (code: string, appid = 'wxtest0001', secret = 'test-secret', grant = 'authorization_code') =>
      get(`/sns/jscode2session?appid=${appid}&secret=${secret}&js_code=${encodeURIComponent(code)}&grant_type=${grant}`);
    const ok = await q('sandbox:oAbC_123');
    expect(ok).toEqual({ status: 200, body: { openid: 'oAbC_123', session_key: expect.any(String), unionid: 'sandbox_union_oAbC_123' } });
    expect((await q('sandbox:')).body.errcode).toBe(40029);
    expect((await q('sandbox:bad openid!')).body.errcode).toBe(40029);
    expect((await q('sandbox:a', 'wxother')).body.errcode).toBe(40013);
    expect((await q('sandbox:a', 'wxtest0001', 'nope')).body.errcode).toBe(40125);
    expect((await q('sandbox:a', 'wxtest0001', 'test-secret', 'x')).body.errcode).toBe(40002);
  });

  it('stable_token returns the same token until force_refresh, with the remaining lifetime', async () => {
    const body = { grant_type: 'client_credential', appid: 'wxtest0001', secret: 'test-secret' };
    const a = await post('/cgi-bin/stable_token', body);
    const b = await post('/cgi-bin/stable_token', body);
    expect(b.body.access_token).toBe(a.body.access_token);
    expect(a.body.expires_in).toBeGreaterThan(7190);
    const c = await post('/cgi-bin/stable_token', { ...body, force_refresh: true });
    expect(c.body.access_token).not.toBe(a.body.access_token);
    expect((await post('/cgi-bin/stable_token', { ...body, secret: 'x' })).body.errcode).toBe(40125);
  });

  it('an expired access token is refused with 42001', async () => {
    const short = await startWechatSandbox({ tokenExpiresIn: 0, appId: 'wxa', appSecret: 's' });
    const t = await fetch(`${short.url}/cgi-bin/token?grant_type=client_credential&appid=wxa&secret=s`).then((r) => r.json());
    const res = await fetch(`${short.url}/wxa/msg_sec_check?access_token=${t.access_token}`, { method: 'POST', body: '{}' }).then((r) => r.json());
    expect(res.errcode).toBe(42001);
    await short.stop();
  });

  it('getuserphonenumber answers phone_info with a watermark carrying our appid', async () => {
    const { body } = await post(`/wxa/business/getuserphonenumber?access_token=${await token()}`, { code: sandbox.phoneCodeFor('13912345678') });
    expect(body).toEqual({
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: '13912345678',
        purePhoneNumber: '13912345678',
        countryCode: '86',
        watermark: { timestamp: expect.any(Number), appid: 'wxtest0001' },
      },
    });
  });

  it('msg_sec_check v2 answers result, detail with the matched keyword, and trace_id; v1 bodies are refused', async () => {
    const t = await token();
    const { body } = await post(`/wxa/msg_sec_check?access_token=${t}`, { version: 2, openid: 'o1', scene: 2, content: '点击进入赌博网站' });
    expect(body).toMatchObject({
      errcode: 0,
      result: { suggest: 'risky', label: 20006 },
      detail: expect.arrayContaining([expect.objectContaining({ strategy: 'keyword', keyword: '赌博网站', suggest: 'risky' })]),
      trace_id: expect.any(String),
    });
    expect((await post(`/wxa/msg_sec_check?access_token=${t}`, { content: 'hi' })).body.errcode).toBe(47001);
    expect((await post(`/wxa/msg_sec_check?access_token=${t}`, { version: 2, openid: 'o1', scene: 9, content: 'hi' })).body.errcode).toBe(47001);
  });
});

describe('sandbox controls', () => {
  it('faults armed over HTTP fail exactly `times` requests, then the endpoint works again', async () => {
    expect((await post('/sandbox/faults', { path: '/sns/jscode2session', errcode: 45011, times: 2 })).status).toBe(200);
    const call = () => get('/sns/jscode2session?appid=wxtest0001&secret=test-secret&js_code=sandbox:a&grant_type=authorization_code');
    expect((await call()).body.errcode).toBe(45011);
    expect((await call()).body.errcode).toBe(45011);
    expect((await call()).body.openid).toBe('a');
    expect((await post('/sandbox/faults', { path: 'nope' })).status).toBe(400);
    expect((await post('/sandbox/faults', { path: '/x', httpStatus: 200 })).status).toBe(400);
  });

  it('the messages page escapes what it shows', async () => {
    const t = await token();
    await post(`/cgi-bin/message/subscribe/send?access_token=${t}`, { touser: 'o1', template_id: 'T1', data: { thing1: { value: '<script>alert(1)</script>' } } });
    const html = await fetch(`${sandbox.url}/sandbox/messages`).then((r) => r.text());
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>alert');
  });

  it('a body over 1 MiB is refused with 413 and the sandbox keeps serving', async () => {
    const res = await fetch(`${sandbox.url}/wxa/msg_sec_check?access_token=x`, { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect((await get('/sandbox/messages.json')).status).toBe(200);
  });

  it('unknown paths answer 404 JSON', async () => {
    expect(await get('/cgi-bin/nothing')).toMatchObject({ status: 404 });
  });
});

describe('pay keys', () => {
  it('certificates are real X.509 that node and wechatpay-node-v3 both read, with matching serials', () => {
    const keys = generatePayKeys('1900000001');
    const platform = new X509Certificate(keys.platformCertPem);
    expect(platform.serialNumber.toUpperCase()).toBe(keys.platformSerial);
    expect(platform.publicKey.export({ type: 'spki', format: 'pem' })).toBe(keys.platformPublicKeyPem);
    const merchant = new X509Certificate(keys.merchantCertPem);
    // The merchant certificate carries the merchant's public key and is issued by the platform CA key.
    expect(merchant.checkPrivateKey(createPrivateKey(keys.merchantPrivateKeyPem))).toBe(true);
    expect(merchant.verify(createPublicKey(keys.platformCertPem))).toBe(true);
    const pay = new Pay({ appid: 'wx', mchid: keys.mchId, publicKey: Buffer.from(keys.merchantCertPem), privateKey: Buffer.from(keys.merchantPrivateKeyPem) });
    expect(pay.getSN(keys.merchantCertPem).toUpperCase()).toBe(keys.merchantCertSerial);
    expect(keys.apiV3Key).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it('saved keys load back identical, with private files readable by the owner only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-sbx-'));
    try {
      expect(loadPayKeys(dir)).toBeUndefined();
      const keys = generatePayKeys();
      const paths = savePayKeys(dir, keys);
      expect(statSync(paths.privateKeyPath).mode & 0o077).toBe(0);
      expect(loadPayKeys(dir)).toEqual(keys);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('/v3/certificates without a merchant signature is refused with 401 SIGN_ERROR', async () => {
    const res = await fetch(`${sandbox.url}/v3/certificates`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'SIGN_ERROR' });
  });
});

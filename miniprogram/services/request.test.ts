import {
  ApiError,
  NETWORK_ERROR_MESSAGE,
  UNAVAILABLE_MESSAGE,
  createRequester,
  type TTransport,
  type TTransportRequest,
  type TTransportResponse,
} from './request';

type Step = TTransportResponse | 'network';

/** A transport that plays back a script of responses and records every call. */
function scripted(steps: Step[]) {
  const calls: TTransportRequest[] = [];
  const transport: TTransport = async (req) => {
    calls.push(req);
    const step = steps[Math.min(calls.length - 1, steps.length - 1)];
    if (step === 'network') throw new Error('request:fail timeout');
    return step;
  };
  return { transport, calls };
}

/** Awaits a request expected to fail and returns its ApiError. */
async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected the request to fail');
}

const ok = (data: unknown, statusCode = 200): TTransportResponse => ({ statusCode, data, header: {} });
const status = (statusCode: number, data: unknown = null): TTransportResponse => ({ statusCode, data, header: {} });

function setup(steps: Step[], token: string | null = 'tok-1') {
  const { transport, calls } = scripted(steps);
  const sleeps: number[] = [];
  const onUnauthorized = jest.fn();
  const onConsentRequired = jest.fn();
  const http = createRequester({
    baseUrl: 'http://api.test',
    transport,
    getToken: () => token,
    onUnauthorized,
    onConsentRequired,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    baseDelayMs: 100,
  });
  return { http, calls, sleeps, onUnauthorized, onConsentRequired };
}

describe('request retries', () => {
  it('when a GET times out twice and then succeeds, it returns the data after two backoffs', async () => {
    const { http, calls, sleeps } = setup(['network', 'network', ok({ a: 1 })]);
    await expect(http.request({ path: '/api/me' })).resolves.toEqual({ a: 1 });
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([100, 200]);
  });

  it('when a GET keeps failing on the network, it stops after 2 retries with the network message', async () => {
    const { http, calls } = setup(['network']);
    const err = await failure(http.request({ path: '/api/me' }));
    expect(calls).toHaveLength(3);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.isNetwork).toBe(true);
    expect(err.code).toBe('network_error');
    expect(err.message).toBe(NETWORK_ERROR_MESSAGE);
  });

  it.each([502, 503, 504])('when a GET gets %i and then 200, it retries', async (code) => {
    const { http, calls } = setup([status(code), ok({ fine: true })]);
    await expect(http.request({ path: '/api/health' })).resolves.toEqual({ fine: true });
    expect(calls).toHaveLength(2);
  });

  it.each(['PUT', 'DELETE', 'HEAD'] as const)('when a %s hits 503, it is retried like a GET', async (method) => {
    const { http, calls } = setup([status(503), ok(null, 204)]);
    await http.request({ method, path: '/api/me' });
    expect(calls).toHaveLength(2);
  });

  it('when a POST fails on the network, it is not retried', async () => {
    const { http, calls } = setup(['network', ok({})]);
    await expect(
      http.request({ method: 'POST', path: '/api/me/consent', body: { version: '1' } }),
    ).rejects.toMatchObject({
      code: 'network_error',
    });
    expect(calls).toHaveLength(1);
  });

  it('when a POST gets 503, it is not retried and shows the unavailable message', async () => {
    const { http, calls } = setup([status(503, '<html>bad gateway</html>'), ok({})]);
    const err = await failure(http.request({ method: 'POST', path: '/api/x', body: {} }));
    expect(calls).toHaveLength(1);
    expect(err.status).toBe(503);
    expect(err.message).toBe(UNAVAILABLE_MESSAGE);
  });

  it('when a POST carries an idempotency key, it is retried and the key is sent each time', async () => {
    const { http, calls } = setup(['network', status(504), ok({ done: 1 })]);
    await expect(
      http.request({ method: 'POST', path: '/api/pay', body: { fen: 100 }, idempotencyKey: 'k-42' }),
    ).resolves.toEqual({ done: 1 });
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.header['Idempotency-Key'] === 'k-42')).toBe(true);
  });

  it('when a PATCH passes the idempotency header itself (any case), it is retried', async () => {
    const { http, calls } = setup([status(502), ok({})]);
    await http.request({ method: 'PATCH', path: '/api/me/preferences', body: {}, headers: { 'idempotency-key': 'x' } });
    expect(calls).toHaveLength(2);
  });

  it('when a GET gets a 4xx or 500, it does not retry', async () => {
    for (const code of [400, 404, 429, 500]) {
      const { http, calls } = setup([status(code), ok({})]);
      await expect(http.request({ path: '/api/me' })).rejects.toBeInstanceOf(ApiError);
      expect(calls).toHaveLength(1);
    }
  });
});

describe('request shape', () => {
  it('when logged in, it sends the bearer token, JSON body, and a query string without empty values', async () => {
    const { http, calls } = setup([ok({})]);
    await http.request({ method: 'POST', path: '/api/admin/staff', body: { username: 'a' } });
    await http.request({ path: '/api/admin/users', query: { q: '张 三', role: undefined, page: 2, x: '' } });
    expect(calls[0].url).toBe('http://api.test/api/admin/staff');
    expect(calls[0].header.Authorization).toBe('Bearer tok-1');
    expect(calls[0].header['Content-Type']).toBe('application/json');
    expect(calls[0].data).toEqual({ username: 'a' });
    expect(calls[1].url).toBe('http://api.test/api/admin/users?q=%E5%BC%A0%20%E4%B8%89&page=2');
    expect(calls[1].data).toBeUndefined();
  });

  it('when the call is anonymous, it sends no Authorization header', async () => {
    const { http, calls } = setup([ok({})]);
    await http.request({ method: 'POST', path: '/api/auth/staff/login', body: {}, anonymous: true });
    expect(calls[0].header.Authorization).toBeUndefined();
  });

  it('when the server answers 204, the result is undefined', async () => {
    const { http } = setup([ok('', 204)]);
    await expect(http.request({ method: 'DELETE', path: '/api/me' })).resolves.toBeUndefined();
  });

  it('raw() exposes the response headers for downloads', async () => {
    const { http } = setup([
      { statusCode: 200, data: { a: 1 }, header: { 'content-disposition': 'attachment; filename="x.json"' } },
    ]);
    const res = await http.raw({ path: '/api/me/export' });
    expect(res.header['content-disposition']).toContain('x.json');
    expect(res.data).toEqual({ a: 1 });
  });
});

describe('error mapping', () => {
  const body = {
    error: {
      code: 'validation_failed',
      message: '提交的信息有误，请检查后重试',
      fields: [
        { path: 'idNumber', message: '身份证号校验位不正确，请核对' },
        { path: 'idNumber', message: '第二条同字段信息' },
        { path: 'name', message: '姓名至少 2 个字' },
      ],
    },
  };

  it('when the server sends an error body, the ApiError carries its code, Chinese message and fields', async () => {
    const { http } = setup([status(400, body)]);
    const err: ApiError = await failure(http.request({ method: 'POST', path: '/api/me/real-name', body: {} }));
    expect(err.status).toBe(400);
    expect(err.code).toBe('validation_failed');
    expect(err.message).toBe('提交的信息有误，请检查后重试');
    expect(err.fields).toHaveLength(3);
    expect(err.fieldMap()).toEqual({ idNumber: '身份证号校验位不正确，请核对', name: '姓名至少 2 个字' });
  });

  it('when fields are malformed, they are dropped but the message is kept', async () => {
    const { http } = setup([
      status(409, { error: { code: 'id_number_taken', message: '该身份证号已被其他账号实名认证', fields: 'nope' } }),
    ]);
    const err: ApiError = await failure(http.request({ method: 'POST', path: '/x', body: {} }));
    expect(err.code).toBe('id_number_taken');
    expect(err.fields).toEqual([]);
  });

  it('when the body is not an error envelope, a Chinese message by status is used', async () => {
    const { http } = setup([status(429, 'Too Many Requests')]);
    const err: ApiError = await failure(http.request({ path: '/x' }));
    expect(err.code).toBe('rate_limited');
    expect(err.message).toBe('操作过于频繁，请稍后再试');
  });

  it('when a request with a token gets 401, the session is dropped through onUnauthorized', async () => {
    const { http, onUnauthorized } = setup([
      status(401, { error: { code: 'token_invalid', message: '登录已失效，请重新登录' } }),
    ]);
    await expect(http.request({ path: '/api/me' })).rejects.toMatchObject({ code: 'token_invalid' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('when a login attempt without a token gets 401 (wrong password), the form gets the error and no redirect happens', async () => {
    const { http, onUnauthorized } = setup(
      [status(401, { error: { code: 'login_failed', message: '用户名或密码错误' } })],
      null,
    );
    await expect(
      http.request({ method: 'POST', path: '/api/auth/staff/login', body: {}, anonymous: true }),
    ).rejects.toMatchObject({
      message: '用户名或密码错误',
    });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('when the server says consent_required, the consent hook fires', async () => {
    const { http, onConsentRequired, onUnauthorized } = setup([
      status(403, { error: { code: 'consent_required', message: '请先阅读并同意隐私政策' } }),
    ]);
    await expect(http.request({ method: 'PATCH', path: '/api/me/preferences', body: {} })).rejects.toMatchObject({
      status: 403,
    });
    expect(onConsentRequired).toHaveBeenCalledTimes(1);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});

describe('method tunnelling (wx.request has no PATCH)', () => {
  it('when PATCH is tunnelled, it is sent as POST with the override header and keeps its retry rules', async () => {
    const { transport, calls } = scripted([status(503), ok({ user: 1 })]);
    const http = createRequester({
      baseUrl: '',
      transport,
      getToken: () => 't',
      tunnelMethods: ['PATCH'],
      sleep: async () => {},
    });
    await expect(
      http.request({ method: 'PATCH', path: '/api/me/preferences', body: { elderMode: true } }),
    ).rejects.toMatchObject({
      status: 503,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe('POST');
    expect(calls[0].header['X-HTTP-Method-Override']).toBe('PATCH');
    expect(calls[0].data).toEqual({ elderMode: true });
  });

  it('when no tunnelling is configured, PATCH goes out as PATCH without the header', async () => {
    const { transport, calls } = scripted([ok({})]);
    const http = createRequester({ baseUrl: '', transport, getToken: () => null });
    await http.request({ method: 'PATCH', path: '/x', body: {} });
    expect(calls[0].method).toBe('PATCH');
    expect(calls[0].header['X-HTTP-Method-Override']).toBeUndefined();
  });
});

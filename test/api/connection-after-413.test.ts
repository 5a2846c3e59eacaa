/**
 * A body refused unread (413) must not stall the next request on the same keep-alive
 * connection (issue 9, item 5): the refusal is answered with `Connection: close`.
 */
import { Agent, request, type IncomingMessage } from 'node:http';
import { createTestContext, type TestContext } from '../support';

let ctx: TestContext;
let agent: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  agent = new Agent({ keepAlive: true, maxSockets: 1 });
});
afterAll(async () => {
  agent.destroy();
  await ctx?.close();
});

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  socketReused: boolean;
}

/** One request through the shared keep-alive agent; a chunked body when `chunks` is given. */
function send(method: string, path: string, chunks?: Buffer[], timeoutMs = 3000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${ctx.url}${path}`,
      { method, agent, headers: chunks ? { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } : {} },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, socketReused: req.reusedSocket }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    for (const c of chunks ?? []) req.write(c);
    req.end();
  });
}

describe('after an oversized chunked body is refused', () => {
  it('answers 413 with Connection: close, and the next request is answered at once', async () => {
    // 400 KB of JSON in 16 KB chunks: over the 256 KB limit, refused before it is all read.
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const chunks = [Buffer.from('{"x":"'), ...Array.from({ length: 25 }, () => chunk), Buffer.from('"}')];
    const refused = await send('POST', '/api/auth/staff/login', chunks);
    expect(refused.status).toBe(413);
    expect(refused.headers.connection).toBe('close');
    const next = await send('GET', '/api/health');
    expect(next.status).toBe(200);
  });

  it('keeps the connection open after an ordinary 4xx whose body was read', async () => {
    const first = await send('POST', '/api/auth/staff/login', [Buffer.from('{}')]);
    expect(first.status).toBe(400);
    expect(first.headers.connection).toBe('keep-alive');
    const second = await send('GET', '/api/health');
    expect(second.socketReused).toBe(true);
  });
});

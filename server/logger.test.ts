import { PassThrough } from 'node:stream';
import { createLogger, prettyLogsFor } from './logger';

function capture(pretty: boolean): { lines: () => string } {
  const stream = new PassThrough();
  let out = '';
  stream.on('data', (c: Buffer) => (out += c.toString()));
  const logger = createLogger('info', {}, { pretty, destination: stream });
  logger.info({ token: 'secret-token', userId: 'u1' }, 'request done');
  return { lines: () => out };
}

describe('logs', () => {
  it('are pretty in development only, JSON in production and tests', () => {
    expect(prettyLogsFor('development')).toBe(true);
    expect(prettyLogsFor('production')).toBe(false);
    expect(prettyLogsFor('test')).toBe(false);
  });

  it('pretty lines are readable text, JSON lines are JSON; both redact secrets', async () => {
    const pretty = capture(true);
    const json = capture(false);
    await new Promise((r) => setImmediate(r));
    expect(pretty.lines()).toMatch(/INFO.*request done/);
    expect(pretty.lines().trim().startsWith('{')).toBe(false);
    const parsed = JSON.parse(json.lines().trim().split('\n')[0]) as Record<string, unknown>;
    expect(parsed).toMatchObject({ msg: 'request done', userId: 'u1', token: '[redacted]' });
    expect(pretty.lines()).not.toContain('secret-token');
  });
});

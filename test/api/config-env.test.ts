import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, ENV_VARS, loadConfig, parseKey } from '../../config/env';

const root = path.resolve(__dirname, '../..');
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};
const prodBase = {
  NODE_ENV: 'production',
  LINLI_ID_ENC_KEY: 'a'.repeat(64),
  LINLI_ID_HASH_KEY: Buffer.alloc(32, 7).toString('base64'),
  WECHAT_APP_ID: 'wx123',
  WECHAT_APP_SECRET: 'secret',
  WECHAT_SANDBOX: 'false',
};

describe('loadConfig', () => {
  it('gives working development defaults, with dev keys and a warning', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      LINLI_DATA_DIR: './data',
      WECHAT_SANDBOX: true,
      LINLI_DEMO_DATA: true,
      JOBS_ENABLED: true,
      NOTIFY_MAX_ATTEMPTS: 5,
      TOKEN_TTL_DAYS: 30,
      LINLI_ADMIN_USERNAME: 'admin',
      LINLI_ADMIN_PASSWORD: 'linli-admin-2026',
      WECHAT_TEMPLATE_ACTIVITY_REMINDER: 'tpl_activity_reminder',
    });
    expect(c.LINLI_ID_ENC_KEY).toHaveLength(32);
    expect(c.LINLI_ID_ENC_KEY.equals(c.LINLI_ID_HASH_KEY)).toBe(false);
    expect(c.warnings.join('\n')).toContain('LINLI_ID_ENC_KEY');
  });

  it('treats empty strings as unset and parses booleans and numbers', () => {
    const c = loadConfig({ PORT: '', JOBS_ENABLED: 'false', LINLI_DEMO_DATA: '0', NOTIFY_MAX_ATTEMPTS: '7' });
    expect(c.PORT).toBe(3000);
    expect(c.JOBS_ENABLED).toBe(false);
    expect(c.LINLI_DEMO_DATA).toBe(false);
    expect(c.NOTIFY_MAX_ATTEMPTS).toBe(7);
  });

  it('explains every invalid value at once', () => {
    const problems = problemsOf({ PORT: 'abc', JOBS_ENABLED: 'maybe', MONGODB_URI: 'http://x', LINLI_ID_ENC_KEY: 'short' });
    expect(problems.some((p) => p.startsWith('PORT:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('JOBS_ENABLED:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('MONGODB_URI:'))).toBe(true);
  });

  it('refuses production without real keys, WeChat credentials, or with the sandbox', () => {
    expect(loadConfig(prodBase).isProduction).toBe(true);
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual(
      expect.arrayContaining([
        expect.stringContaining('LINLI_ID_ENC_KEY: required in production'),
        expect.stringContaining('LINLI_ID_HASH_KEY: required in production'),
        expect.stringContaining('WECHAT_APP_ID'),
        expect.stringContaining('WECHAT_APP_SECRET'),
      ]),
    );
    // The sandbox is off by default in production and refused when asked for.
    expect(loadConfig({ ...prodBase, WECHAT_SANDBOX: undefined as unknown as string }).WECHAT_SANDBOX).toBe(false);
    expect(problemsOf({ ...prodBase, WECHAT_SANDBOX: 'true' })).toEqual([expect.stringContaining('refused in production')]);
    expect(problemsOf({ ...prodBase, LINLI_ID_HASH_KEY: 'a'.repeat(64) })).toEqual([
      'LINLI_ID_HASH_KEY: must differ from LINLI_ID_ENC_KEY',
    ]);
    expect(problemsOf({ ...prodBase, LINLI_ADMIN_USERNAME: 'root' })[0]).toContain('set both or neither');
    const prod = loadConfig(prodBase);
    expect(prod.LINLI_ADMIN_USERNAME).toBeUndefined();
    expect(prod.LINLI_DEMO_DATA).toBe(false);
    expect(prod.CORS_ORIGINS).toEqual([]);
  });

  it('when DEV_CLOCK_CONTROL is unset it is off, and when asked for in production it is refused', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).DEV_CLOCK_CONTROL).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development', DEV_CLOCK_CONTROL: 'true' }).DEV_CLOCK_CONTROL).toBe(true);
    expect(loadConfig({ ...prodBase, DEV_CLOCK_CONTROL: 'false' }).DEV_CLOCK_CONTROL).toBe(false);
    expect(problemsOf({ ...prodBase, DEV_CLOCK_CONTROL: 'true' })).toEqual([
      'DEV_CLOCK_CONTROL: moving the clock is refused in production',
    ]);
  });

  it('accepts keys as 64 hex characters or 32 bytes of base64, nothing else', () => {
    expect(parseKey('0f'.repeat(32))).toEqual(Buffer.alloc(32, 0x0f));
    expect(parseKey(Buffer.alloc(32, 1).toString('base64'))).toEqual(Buffer.alloc(32, 1));
    expect(typeof parseKey(Buffer.alloc(16).toString('base64'))).toBe('string');
  });
});

describe('documentation stays in step with config/env.ts', () => {
  const source = readFileSync(path.join(root, 'config/env.ts'), 'utf8');
  const rawKeys = [...source.slice(source.indexOf('const RawEnv'), source.indexOf('export interface ServerConfig')).matchAll(/^ {2}([A-Z0-9_]+):/gm)].map(
    (m) => m[1],
  );

  it('every validated variable is documented in ENV_VARS and vice versa', () => {
    expect(rawKeys.sort()).toEqual(ENV_VARS.map((v) => v.name).sort());
  });

  it('.env.example and the README configuration table list every variable', () => {
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const v of ENV_VARS) {
      expect({ name: v.name, inExample: example.includes(`\n${v.name}=`) }).toEqual({ name: v.name, inExample: true });
      expect({ name: v.name, inReadme: readme.includes(`| \`${v.name}\` |`) }).toEqual({ name: v.name, inReadme: true });
    }
  });
});

/**
 * The server's environment, validated once at start. Every variable is listed in
 * ENV_VARS with its section, default and meaning; `.env.example` and the README's
 * configuration table are kept consistent with this list by config/env.test.ts.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export type TNodeEnv = 'development' | 'test' | 'production';

export interface EnvVarDoc {
  name: string;
  section: 'Server' | 'Database' | 'Security' | 'Accounts' | 'WeChat' | 'WeChat Pay' | 'Notifications and jobs';
  /** Human-readable default ('—' when required or unset). */
  default: string;
  doc: string;
}

export const ENV_VARS: EnvVarDoc[] = [
  { name: 'NODE_ENV', section: 'Server', default: 'development', doc: 'development, test or production. Production refuses dev keys and the WeChat sandbox.' },
  { name: 'PORT', section: 'Server', default: '3000', doc: 'HTTP port the API and the H5 portal listen on.' },
  { name: 'HOST', section: 'Server', default: '0.0.0.0', doc: 'Interface to bind.' },
  { name: 'LOG_LEVEL', section: 'Server', default: 'info (silent in test)', doc: 'pino level: fatal, error, warn, info, debug, trace or silent.' },
  { name: 'CORS_ORIGINS', section: 'Server', default: 'http://localhost:10086,http://127.0.0.1:10086 outside production', doc: 'Comma-separated origins allowed to call the API from a browser (the Taro H5 dev server).' },
  { name: 'PUBLIC_BASE_URL', section: 'Server', default: 'http://localhost:$PORT', doc: 'Public URL of this server, used in links (certificates, notification callbacks).' },
  { name: 'MONGODB_URI', section: 'Database', default: '— (embedded engine)', doc: 'Real MongoDB (>= 6, replica set recommended). Unset: the embedded engine stores data under LINLI_DATA_DIR.' },
  { name: 'LINLI_DATA_DIR', section: 'Database', default: './data', doc: 'Where the embedded engine persists its data (ignored when MONGODB_URI is set).' },
  { name: 'LINLI_ID_ENC_KEY', section: 'Security', default: 'dev key outside production', doc: 'AES-256-GCM key for resident ID numbers and names: 32 bytes as base64 or 64 hex characters. Required in production.' },
  { name: 'LINLI_ID_HASH_KEY', section: 'Security', default: 'dev key outside production', doc: 'HMAC key for the one-person-one-account ID hash: 32 bytes as base64 or 64 hex. Required in production.' },
  { name: 'TOKEN_TTL_DAYS', section: 'Security', default: '30', doc: 'Lifetime of a login token in days.' },
  { name: 'TRUST_PROXY_HOPS', section: 'Security', default: '0', doc: 'Reverse proxies in front of the server that overwrite X-Forwarded-For (nginx example in README.md). 0: the client address is the socket address and X-Forwarded-For is ignored; N: the Nth address from the right of X-Forwarded-For is the client (rate limits key on it).' },
  { name: 'STAFF_CONTENT_KEYWORDS', section: 'Security', default: '— (none)', doc: 'Comma-separated words that hold public text written by staff (activities, covers, notices) for the district\'s 内容审核 queue. WeChat\'s msgSecCheck needs a recently active openid, which staff on the H5 portal do not have.' },
  { name: 'LOGIN_RATE_LIMIT_PER_MINUTE', section: 'Security', default: '10', doc: 'Login attempts allowed per client IP and username (or WeChat code) per minute.' },
  { name: 'LINLI_ADMIN_USERNAME', section: 'Accounts', default: 'admin outside production', doc: 'District admin created at first start when no account with this username exists.' },
  { name: 'LINLI_ADMIN_PASSWORD', section: 'Accounts', default: 'linli-admin-2026 outside production', doc: 'Password of that district admin (at least 8 characters). Change it after first login.' },
  { name: 'LINLI_DEMO_DATA', section: 'Accounts', default: 'true in development', doc: 'Seed idempotent demo data (district, teams, clinics, one account per role) at start.' },
  { name: 'WECHAT_SANDBOX', section: 'WeChat', default: 'true outside production', doc: 'Start the local WeChat sandbox and point WECHAT_API_BASE / WECHAT_PAY_BASE at it. Refused in production.' },
  { name: 'WECHAT_API_BASE', section: 'WeChat', default: 'https://api.weixin.qq.com', doc: 'Base URL of the WeChat mini-program API.' },
  { name: 'WECHAT_APP_ID', section: 'WeChat', default: 'wx_sandbox_app outside production', doc: 'Mini-program AppID. Required in production.' },
  { name: 'WECHAT_APP_SECRET', section: 'WeChat', default: 'sandbox secret outside production', doc: 'Mini-program AppSecret. Required in production.' },
  { name: 'WECHAT_MESSAGE_TOKEN', section: 'WeChat', default: 'dev token when WECHAT_SANDBOX is on', doc: 'Message-push Token from the mini-program console (开发管理 → 消息推送; URL `$PUBLIC_BASE_URL/api/wechat/push`, 明文模式, JSON): verifies the pushes that carry image-check results. Unset without the sandbox: pushes are refused and uploaded photos wait for a team admin.' },
  { name: 'WECHAT_PAY_BASE', section: 'WeChat Pay', default: 'https://api.mch.weixin.qq.com', doc: 'Base URL of WeChat Pay v3.' },
  { name: 'WECHAT_PAY_MCH_ID', section: 'WeChat Pay', default: '—', doc: 'Merchant id.' },
  { name: 'WECHAT_PAY_SERIAL_NO', section: 'WeChat Pay', default: '—', doc: 'Serial number of the merchant API certificate.' },
  { name: 'WECHAT_PAY_PRIVATE_KEY_PATH', section: 'WeChat Pay', default: '—', doc: 'Path to the merchant private key (PEM). Never commit it.' },
  { name: 'WECHAT_PAY_APIV3_KEY', section: 'WeChat Pay', default: '—', doc: 'APIv3 key (32 characters) that decrypts payment notifications.' },
  { name: 'WECHAT_PAY_PLATFORM_CERT_PATH', section: 'WeChat Pay', default: '—', doc: 'Path to the WeChat Pay platform certificate (PEM) used to verify signatures.' },
  { name: 'WECHAT_TEMPLATE_ACTIVITY_REMINDER', section: 'Notifications and jobs', default: 'tpl_activity_reminder', doc: 'Subscribe-message template id: activity reminder.' },
  { name: 'WECHAT_TEMPLATE_SIGNUP_RESULT', section: 'Notifications and jobs', default: 'tpl_signup_result', doc: 'Subscribe-message template id: signup result.' },
  { name: 'WECHAT_TEMPLATE_WAITLIST_OFFER', section: 'Notifications and jobs', default: 'tpl_waitlist_offer', doc: 'Subscribe-message template id: waitlist offer.' },
  { name: 'WECHAT_TEMPLATE_ISSUE_UPDATE', section: 'Notifications and jobs', default: 'tpl_issue_update', doc: 'Subscribe-message template id: issue report update.' },
  { name: 'WECHAT_TEMPLATE_BOOKING_UPDATE', section: 'Notifications and jobs', default: 'tpl_booking_update', doc: 'Subscribe-message template id: legal consultation booking update.' },
  // community (issue 14)
  { name: 'WECHAT_TEMPLATE_COMMUNITY_ALERT', section: 'Notifications and jobs', default: 'tpl_community_alert', doc: 'Subscribe-message template id: urgent community alert (typhoon, waterlogging).' },
  { name: 'NOTIFY_MAX_ATTEMPTS', section: 'Notifications and jobs', default: '5', doc: 'Attempts to send one subscribe message before giving up (with backoff).' },
  { name: 'JOBS_ENABLED', section: 'Notifications and jobs', default: 'true', doc: 'Run the scheduler (reminders, SLA timers, expiries) in this process.' },
  // reports (issue 12)
  { name: 'REPORTS_DISTRICT_BOUNDARY', section: 'Server', default: 'the demo district', doc: 'The district boundary for issue reports: a GeoJSON Polygon (GCJ-02) as JSON. Reports outside it are refused.' },
  // dev clock (issue 11 journey)
  { name: 'DEV_CLOCK_CONTROL', section: 'Server', default: 'false', doc: 'Development only: the server clock honours an offset moved forward by `POST /api/dev/clock { advanceMs }` (browser journeys that need time to pass). Refused in production.' },
  // clinic (issue 11)
  { name: 'WECHAT_TEMPLATE_CONSULT_REMINDER', section: 'Notifications and jobs', default: 'tpl_consult_reminder', doc: 'Subscribe-message template id: legal consultation reminder (the day before).' },
  { name: 'WECHAT_TEMPLATE_MEDIATION_REMINDER', section: 'Notifications and jobs', default: 'tpl_mediation_reminder', doc: 'Subscribe-message template id: mediation session reminder (the day before).' },
];

const BOOL_TRUE = ['true', '1', 'yes', 'on'];
const BOOL_FALSE = ['false', '0', 'no', 'off'];
const zBool = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => BOOL_TRUE.includes(v) || BOOL_FALSE.includes(v), 'must be true or false')
  .transform((v) => BOOL_TRUE.includes(v))
  .optional();
const zInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();
const zText = z.string().trim().min(1).optional();
const zUrl = z.url({ error: 'must be an absolute URL (http:// or https://)' }).optional();

const RawEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: zInt(0, 65535),
  HOST: zText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  CORS_ORIGINS: z.string().optional(),
  PUBLIC_BASE_URL: zUrl,
  MONGODB_URI: z
    .string()
    .trim()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  LINLI_DATA_DIR: zText,
  LINLI_ID_ENC_KEY: zText,
  LINLI_ID_HASH_KEY: zText,
  TOKEN_TTL_DAYS: zInt(1, 365),
  LOGIN_RATE_LIMIT_PER_MINUTE: zInt(1, 10_000),
  TRUST_PROXY_HOPS: zInt(0, 10),
  STAFF_CONTENT_KEYWORDS: z.string().optional(),
  LINLI_ADMIN_USERNAME: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{3,32}$/, '3-32 letters, digits, _ . -')
    .optional(),
  LINLI_ADMIN_PASSWORD: z.string().min(8, 'at least 8 characters').max(128).optional(),
  LINLI_DEMO_DATA: zBool,
  WECHAT_SANDBOX: zBool,
  WECHAT_API_BASE: zUrl,
  WECHAT_APP_ID: zText,
  WECHAT_APP_SECRET: zText,
  // WeChat's console accepts 3-32 letters and digits.
  WECHAT_MESSAGE_TOKEN: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{3,32}$/, '3-32 letters and digits (as the mini-program console requires)')
    .optional(),
  WECHAT_PAY_BASE: zUrl,
  WECHAT_PAY_MCH_ID: zText,
  WECHAT_PAY_SERIAL_NO: zText,
  WECHAT_PAY_PRIVATE_KEY_PATH: zText,
  WECHAT_PAY_APIV3_KEY: z.string().length(32, 'must be exactly 32 characters').optional(),
  WECHAT_PAY_PLATFORM_CERT_PATH: zText,
  WECHAT_TEMPLATE_ACTIVITY_REMINDER: zText,
  WECHAT_TEMPLATE_SIGNUP_RESULT: zText,
  WECHAT_TEMPLATE_WAITLIST_OFFER: zText,
  WECHAT_TEMPLATE_ISSUE_UPDATE: zText,
  WECHAT_TEMPLATE_BOOKING_UPDATE: zText,
  // community (issue 14)
  WECHAT_TEMPLATE_COMMUNITY_ALERT: zText,
  NOTIFY_MAX_ATTEMPTS: zInt(1, 50),
  JOBS_ENABLED: zBool,
  // reports (issue 12)
  REPORTS_DISTRICT_BOUNDARY: z.string().optional(),
  // dev clock (issue 11 journey)
  DEV_CLOCK_CONTROL: zBool,
  // clinic (issue 11)
  WECHAT_TEMPLATE_CONSULT_REMINDER: zText,
  WECHAT_TEMPLATE_MEDIATION_REMINDER: zText,
});

export interface ServerConfig {
  NODE_ENV: TNodeEnv;
  isProduction: boolean;
  PORT: number;
  HOST: string;
  LOG_LEVEL: string;
  CORS_ORIGINS: string[];
  PUBLIC_BASE_URL: string;
  MONGODB_URI?: string;
  LINLI_DATA_DIR: string;
  /** 32-byte AES-256-GCM key. */
  LINLI_ID_ENC_KEY: Buffer;
  /** 32-byte HMAC-SHA256 key. */
  LINLI_ID_HASH_KEY: Buffer;
  TOKEN_TTL_DAYS: number;
  LOGIN_RATE_LIMIT_PER_MINUTE: number;
  /** Trusted reverse-proxy hops: 0 ignores X-Forwarded-For. */
  TRUST_PROXY_HOPS: number;
  /** Words that hold staff-written public text for review (lower-cased, NFC). */
  STAFF_CONTENT_KEYWORDS: string[];
  LINLI_ADMIN_USERNAME?: string;
  LINLI_ADMIN_PASSWORD?: string;
  LINLI_DEMO_DATA: boolean;
  WECHAT_SANDBOX: boolean;
  WECHAT_API_BASE: string;
  WECHAT_APP_ID: string;
  WECHAT_APP_SECRET: string;
  /** Message-push Token; undefined when no push can be verified (pushes are then refused). */
  WECHAT_MESSAGE_TOKEN?: string;
  WECHAT_PAY_BASE: string;
  WECHAT_PAY_MCH_ID?: string;
  WECHAT_PAY_SERIAL_NO?: string;
  WECHAT_PAY_PRIVATE_KEY_PATH?: string;
  WECHAT_PAY_APIV3_KEY?: string;
  WECHAT_PAY_PLATFORM_CERT_PATH?: string;
  WECHAT_TEMPLATE_ACTIVITY_REMINDER: string;
  WECHAT_TEMPLATE_SIGNUP_RESULT: string;
  WECHAT_TEMPLATE_WAITLIST_OFFER: string;
  WECHAT_TEMPLATE_ISSUE_UPDATE: string;
  WECHAT_TEMPLATE_BOOKING_UPDATE: string;
  // community (issue 14)
  WECHAT_TEMPLATE_COMMUNITY_ALERT: string;
  NOTIFY_MAX_ATTEMPTS: number;
  JOBS_ENABLED: boolean;
  // reports (issue 12)
  /** The district boundary polygon's JSON (undefined: the demo district). */
  REPORTS_DISTRICT_BOUNDARY?: string;
  // dev clock (issue 11 journey)
  /** deps.now() honours an offset set through POST /api/dev/clock (never in production). */
  DEV_CLOCK_CONTROL: boolean;
  // clinic (issue 11)
  WECHAT_TEMPLATE_CONSULT_REMINDER: string;
  WECHAT_TEMPLATE_MEDIATION_REMINDER: string;
  /** Non-fatal notes for the operator (dev keys in use, ...); main logs them. */
  warnings: string[];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** `base64` (32 bytes) or 64 hex characters → 32-byte key, or a message. */
export function parseKey(raw: string): Buffer | string {
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return Buffer.from(raw, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) {
    const buf = Buffer.from(raw, 'base64');
    if (buf.length === 32) return buf;
  }
  return 'must be 32 bytes as base64 or 64 hex characters (e.g. `openssl rand -base64 32`)';
}

/** Message-push Token of dev and tests: the sandbox signs its pushes with it. */
export const DEV_WECHAT_MESSAGE_TOKEN = 'linliDevMessageToken';

const devKey = (label: string): Buffer => createHash('sha256').update(`linli-dev-only:${label}`).digest();

/** Validates `env` (process.env by default). Throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = RawEnv.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  const prod = e.NODE_ENV === 'production';
  const problems: string[] = [];
  const warnings: string[] = [];

  const key = (name: 'LINLI_ID_ENC_KEY' | 'LINLI_ID_HASH_KEY'): Buffer => {
    const raw = e[name];
    if (raw === undefined) {
      if (prod) problems.push(`${name}: required in production (32 bytes as base64 or 64 hex)`);
      else if (e.NODE_ENV !== 'test') warnings.push(`${name} is not set: using a fixed development key. Never use it for real data.`);
      return devKey(name);
    }
    const k = parseKey(raw);
    if (typeof k === 'string') {
      problems.push(`${name}: ${k}`);
      return devKey(name);
    }
    return k;
  };
  const encKey = key('LINLI_ID_ENC_KEY');
  const hashKey = key('LINLI_ID_HASH_KEY');
  if (e.LINLI_ID_ENC_KEY && e.LINLI_ID_ENC_KEY === e.LINLI_ID_HASH_KEY) {
    problems.push('LINLI_ID_HASH_KEY: must differ from LINLI_ID_ENC_KEY');
  }

  const sandbox = e.WECHAT_SANDBOX ?? !prod;
  if (prod && sandbox) problems.push('WECHAT_SANDBOX: the WeChat sandbox is refused in production');
  if (prod && e.DEV_CLOCK_CONTROL) problems.push('DEV_CLOCK_CONTROL: moving the clock is refused in production');
  if (prod && !e.WECHAT_APP_ID) problems.push('WECHAT_APP_ID: required in production');
  if (prod && !e.WECHAT_APP_SECRET) problems.push('WECHAT_APP_SECRET: required in production');

  const messageToken = e.WECHAT_MESSAGE_TOKEN ?? (sandbox ? DEV_WECHAT_MESSAGE_TOKEN : undefined);
  if (!messageToken && e.NODE_ENV !== 'test') {
    warnings.push(
      'WECHAT_MESSAGE_TOKEN is not set: WeChat image-check results cannot be received, so photos from residents stay hidden until a team admin releases them.',
    );
  }

  let adminUser = e.LINLI_ADMIN_USERNAME;
  let adminPass = e.LINLI_ADMIN_PASSWORD;
  if (!prod && e.NODE_ENV !== 'test' && !adminUser && !adminPass) {
    adminUser = 'admin';
    adminPass = 'linli-admin-2026';
  }
  if (Boolean(adminUser) !== Boolean(adminPass)) {
    problems.push('LINLI_ADMIN_USERNAME / LINLI_ADMIN_PASSWORD: set both or neither');
  }
  if (problems.length) throw new ConfigError(problems);

  const port = e.PORT ?? 3000;
  const cors =
    e.CORS_ORIGINS !== undefined
      ? e.CORS_ORIGINS.split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : prod
        ? []
        : ['http://localhost:10086', 'http://127.0.0.1:10086'];

  return {
    NODE_ENV: e.NODE_ENV,
    isProduction: prod,
    PORT: port,
    HOST: e.HOST ?? '0.0.0.0',
    LOG_LEVEL: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    CORS_ORIGINS: cors,
    PUBLIC_BASE_URL: (e.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    MONGODB_URI: e.MONGODB_URI,
    LINLI_DATA_DIR: e.LINLI_DATA_DIR ?? './data',
    LINLI_ID_ENC_KEY: encKey,
    LINLI_ID_HASH_KEY: hashKey,
    TOKEN_TTL_DAYS: e.TOKEN_TTL_DAYS ?? 30,
    LOGIN_RATE_LIMIT_PER_MINUTE: e.LOGIN_RATE_LIMIT_PER_MINUTE ?? 10,
    TRUST_PROXY_HOPS: e.TRUST_PROXY_HOPS ?? 0,
    STAFF_CONTENT_KEYWORDS: (e.STAFF_CONTENT_KEYWORDS ?? '')
      .split(/[,，\n]/)
      .map((w) => w.trim().normalize('NFC').toLowerCase())
      .filter(Boolean),
    LINLI_ADMIN_USERNAME: adminUser,
    LINLI_ADMIN_PASSWORD: adminPass,
    LINLI_DEMO_DATA: e.LINLI_DEMO_DATA ?? e.NODE_ENV === 'development',
    WECHAT_SANDBOX: sandbox,
    WECHAT_API_BASE: (e.WECHAT_API_BASE ?? 'https://api.weixin.qq.com').replace(/\/$/, ''),
    WECHAT_APP_ID: e.WECHAT_APP_ID ?? 'wx_sandbox_app',
    WECHAT_APP_SECRET: e.WECHAT_APP_SECRET ?? 'sandbox-secret',
    WECHAT_MESSAGE_TOKEN: messageToken,
    WECHAT_PAY_BASE: (e.WECHAT_PAY_BASE ?? 'https://api.mch.weixin.qq.com').replace(/\/$/, ''),
    WECHAT_PAY_MCH_ID: e.WECHAT_PAY_MCH_ID,
    WECHAT_PAY_SERIAL_NO: e.WECHAT_PAY_SERIAL_NO,
    WECHAT_PAY_PRIVATE_KEY_PATH: e.WECHAT_PAY_PRIVATE_KEY_PATH,
    WECHAT_PAY_APIV3_KEY: e.WECHAT_PAY_APIV3_KEY,
    WECHAT_PAY_PLATFORM_CERT_PATH: e.WECHAT_PAY_PLATFORM_CERT_PATH,
    WECHAT_TEMPLATE_ACTIVITY_REMINDER: e.WECHAT_TEMPLATE_ACTIVITY_REMINDER ?? 'tpl_activity_reminder',
    WECHAT_TEMPLATE_SIGNUP_RESULT: e.WECHAT_TEMPLATE_SIGNUP_RESULT ?? 'tpl_signup_result',
    WECHAT_TEMPLATE_WAITLIST_OFFER: e.WECHAT_TEMPLATE_WAITLIST_OFFER ?? 'tpl_waitlist_offer',
    WECHAT_TEMPLATE_ISSUE_UPDATE: e.WECHAT_TEMPLATE_ISSUE_UPDATE ?? 'tpl_issue_update',
    WECHAT_TEMPLATE_BOOKING_UPDATE: e.WECHAT_TEMPLATE_BOOKING_UPDATE ?? 'tpl_booking_update',
    // community (issue 14)
    WECHAT_TEMPLATE_COMMUNITY_ALERT: e.WECHAT_TEMPLATE_COMMUNITY_ALERT ?? 'tpl_community_alert',
    NOTIFY_MAX_ATTEMPTS: e.NOTIFY_MAX_ATTEMPTS ?? 5,
    JOBS_ENABLED: e.JOBS_ENABLED ?? true,
    // reports (issue 12)
    REPORTS_DISTRICT_BOUNDARY: e.REPORTS_DISTRICT_BOUNDARY,
    // dev clock (issue 11 journey)
    DEV_CLOCK_CONTROL: e.DEV_CLOCK_CONTROL ?? false,
    // clinic (issue 11)
    WECHAT_TEMPLATE_CONSULT_REMINDER: e.WECHAT_TEMPLATE_CONSULT_REMINDER ?? 'tpl_consult_reminder',
    WECHAT_TEMPLATE_MEDIATION_REMINDER: e.WECHAT_TEMPLATE_MEDIATION_REMINDER ?? 'tpl_mediation_reminder',
    warnings,
  };
}

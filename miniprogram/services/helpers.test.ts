import { exportFileName, toJsonText } from './export-name';
import { toSandboxPhoneCode } from './phone';
import { greetingFor, DOMAIN_ENTRIES } from './domains';
import { rootFontSize } from './h5-rem';
import { entriesFor, PORTAL_ENTRIES } from '../packages/staff/portal/entries';
import { ROUTES } from './routes';
import { formatTime } from './format';

describe('export file name', () => {
  it('when the server names the file, that name is used', () => {
    expect(exportFileName('attachment; filename="linli-export-2026-11-23.json"')).toBe('linli-export-2026-11-23.json');
    expect(exportFileName("attachment; filename*=UTF-8''%E9%82%BB%E9%87%8C.json")).toBe('邻里.json');
  });

  it('when the header is missing or hostile, a safe dated name is used', () => {
    const now = new Date('2026-01-02T03:04:05Z');
    expect(exportFileName(undefined, now)).toBe('linli-export-2026-01-02.json');
    expect(exportFileName('attachment; filename="../../etc/passwd"')).toBe('.._.._etc_passwd');
    expect(exportFileName('attachment; filename="%E0%A4%A"')).toBe('%E0%A4%A');
  });

  it('pretty-prints objects and keeps text as is', () => {
    expect(toJsonText({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(toJsonText('{"a":1}')).toBe('{"a":1}');
  });
});

describe('sandbox phone code', () => {
  it('accepts an 11-digit mobile number or a full sandbox code, nothing else', () => {
    expect(toSandboxPhoneCode(' 13800138000 ')).toBe('phone:13800138000');
    expect(toSandboxPhoneCode('phone:13800138000')).toBe('phone:13800138000');
    expect(toSandboxPhoneCode('23800138000')).toBeNull();
    expect(toSandboxPhoneCode('1380013800')).toBeNull();
    expect(toSandboxPhoneCode('phone:abc')).toBeNull();
  });
});

describe('home and portal tables', () => {
  it('greets by the hour in Asia/Shanghai, whatever the machine zone', () => {
    expect(greetingFor(new Date('2026-01-01T00:30:00Z'))).toBe('早上好'); // 08:30 in Shanghai
    expect(greetingFor(new Date('2026-01-01T04:00:00Z'))).toBe('中午好'); // 12:00
    expect(greetingFor(new Date('2026-01-01T07:00:00Z'))).toBe('下午好'); // 15:00
    expect(greetingFor(new Date('2026-01-01T13:00:00Z'))).toBe('晚上好'); // 21:00
  });

  it('only links home entries to routes that exist', () => {
    const known = new Set<string>(Object.values(ROUTES));
    for (const e of DOMAIN_ENTRIES) if (e.url) expect(known.has(e.url)).toBe(true);
  });

  it('shows a district admin the admin entries and a lawyer only the clinic entry and their own password', () => {
    const admin = entriesFor(['district_admin']).map((e) => e.key);
    expect(admin).toEqual(expect.arrayContaining(['admin-users', 'admin-staff-new', 'admin-audit']));
    expect(admin).not.toContain('clinic-bookings');
    expect(entriesFor(['lawyer']).map((e) => e.key)).toEqual(['clinic-bookings', 'staff-password']);
    expect(entriesFor(['resident'])).toEqual([]);
  });

  it('every portal entry with a url points at a subpackage route', () => {
    for (const e of PORTAL_ENTRIES) if (e.url) expect(e.url.startsWith('/packages/')).toBe(true);
  });
});

describe('formatting', () => {
  it('shows UTC times in Asia/Shanghai', () => {
    expect(formatTime('2026-11-23T16:30:00Z')).toBe('2026-11-24 00:30');
    expect(formatTime('not a date')).toBe('');
  });

  it('sizes the H5 root font like Taro (750 design width, 20–40px)', () => {
    expect(rootFontSize(390, 844)).toBeCloseTo(20.8);
    expect(rootFontSize(1920, 1080)).toBe(40);
    expect(rootFontSize(300, 600)).toBe(20);
  });
});

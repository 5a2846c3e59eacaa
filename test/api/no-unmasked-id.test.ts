/**
 * "No response anywhere contains an unmasked ID number": verify residents with
 * known ID numbers, then call every GET route (each path parameter filled with
 * the residents' ids) as anonymous, as the residents and as staff of every role,
 * plus the export and the login/verification answers, and scan every body.
 */
import { Types } from 'mongoose';
import type { RouteSpec } from '../../server/http/route';
import { allRoutes } from '../../server/modules';
import { createTestContext, buildStaff, type TestContext } from '../support';
import { buildVerifiedResident, validIdNumber, type VerifiedResident } from '../support/factories-realname';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

/** Routes that show a resident's unmasked name (never the ID) to an authorised district admin, audited. */
const NAME_ALLOWED = new Set(['/api/admin/users/:id/personal']);

function forbiddenStrings(r: VerifiedResident, route?: string): string[] {
  const id = r.idNumber;
  const out = [id, id.toLowerCase(), id.slice(0, 17), id.slice(4, 14)];
  if (!route || !NAME_ALLOWED.has(route)) out.push(r.name);
  return out;
}

function expectClean(body: string, residents: VerifiedResident[], label: string, route?: string): void {
  for (const r of residents) {
    for (const s of forbiddenStrings(r, route)) {
      if (body.includes(s)) throw new Error(`${label}: response contains "${s}"`);
    }
  }
}

function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/:([A-Za-z_]+)/g, (_m, name: string) => values[name] ?? values.id);
}

describe('privacy: resident ID numbers never leave the server unmasked', () => {
  it('when every GET route and the export are called by everyone, no body carries a plaintext ID number or unmasked name', async () => {
    const residents = [
      await buildVerifiedResident(ctx, {
        name: '欧阳明轩',
        idNumber: validIdNumber({ birth: '19850412' }),
        phone: '13911112222',
      }),
      await buildVerifiedResident(ctx, {
        name: '司马云飞',
        idNumber: validIdNumber({ birth: '19720101', seq: '999' }),
      }),
    ];
    // One ID with the X check character when possible, to catch case handling.
    for (let i = 0; i < 50; i++) {
      const candidate = validIdNumber();
      if (candidate.endsWith('X')) {
        residents.push(await buildVerifiedResident(ctx, { name: '诸葛晓雯', idNumber: candidate }));
        break;
      }
    }
    for (const r of residents) expectClean(JSON.stringify(r.user), residents, 'real-name answer');

    const staffRoles = [
      [{ role: 'district_admin' as const }],
      [{ role: 'dispatcher' as const }],
      [{ role: 'lawyer' as const, scopeType: 'clinic' as const, scopeId: new Types.ObjectId().toHexString() }],
      [{ role: 'team_admin' as const, scopeType: 'team' as const, scopeId: new Types.ObjectId().toHexString() }],
    ];
    const staff = [];
    for (const roles of staffRoles) staff.push(await buildStaff(ctx, { roles }));
    const admin = staff[0];

    // Make sure the admin views exist in the audit log, so /api/admin/audit has something to show.
    for (const r of residents) {
      const res = await ctx.http.get(`/api/admin/users/${r.user.id}/personal`).set('Authorization', admin.auth);
      expect(res.status).toBe(200);
      expect(res.body.idNumberMasked).toBe(`${r.idNumber.slice(0, 4)}**********${r.idNumber.slice(-4)}`);
      // The scanner does see raw names: outside the allowed route this body would fail it.
      expect(() => expectClean(res.text, residents, 'self-check')).toThrow(/contains/);
      expectClean(res.text, residents, 'personal', '/api/admin/users/:id/personal');
    }

    const callers: { label: string; auth?: string }[] = [
      { label: 'anonymous' },
      ...residents.map((r, i) => ({ label: `resident${i}`, auth: r.auth })),
      ...staff.map((s, i) => ({ label: `staff${i}:${staffRoles[i][0].role}`, auth: s.auth })),
    ];
    const gets = allRoutes(ctx.deps).filter((r: RouteSpec) => r.method === 'get');
    expect(gets.length).toBeGreaterThan(8);
    let scanned = 0;
    for (const route of gets) {
      for (const target of residents) {
        const path = fillPath(route.path, { id: target.user.id, index: '0' });
        for (const caller of callers) {
          const req = ctx.http.get(path);
          if (caller.auth) req.set('Authorization', caller.auth);
          const res = await req;
          expect(res.status).toBeLessThan(500);
          expectClean(res.text ?? JSON.stringify(res.body), residents, `${caller.label} GET ${path}`, route.path);
          scanned++;
        }
      }
    }
    // Searches by the ID number itself must not echo it back either.
    for (const r of residents) {
      const res = await ctx.http.get(`/api/admin/users?q=${r.idNumber}`).set('Authorization', admin.auth);
      expectClean(res.text, residents, 'admin search by ID', undefined);
    }
    for (const r of residents) {
      const res = await ctx.http.get('/api/me/export').set('Authorization', r.auth);
      expect(res.status).toBe(200);
      expectClean(res.text, residents, 'export');
      const login = await ctx.http.post('/api/auth/wechat/login').send({ code: ctx.sandbox.loginCodeFor(r.openid) });
      expectClean(login.text, residents, 'login');
    }
    expect(scanned).toBeGreaterThan(100);
  }, 120_000);
});

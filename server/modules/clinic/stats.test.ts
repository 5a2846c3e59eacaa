import { buildDistrictAdmin, type TestContext } from '../../../test/support';
import { addProvider, book, bookBody, buildClinic, buildResident, clinicContext, clock, sh, T0 } from './fixtures';

let ctx: TestContext;
const c = clock();
jest.setTimeout(90_000);
beforeAll(async () => {
  ctx = await clinicContext(c);
});
afterAll(async () => {
  await ctx.close();
});
beforeEach(() => c.set(T0));

const MON = '2027-01-04';
const post = (path: string, who: { auth: string }, body: object = {}) =>
  ctx.http.post(path).set('Authorization', who.auth).send(body);
const record = { notes: '私密记录：已了解情况', summary: '建议先协商，协商不成可申请仲裁。', outcome: 'answered' };

describe('clinic stats breakdowns', () => {
  it('when two clinics have consultations and no-shows, the district sees each clinic and each provider’s no-show rate, and a coordinator only their clinic', async () => {
    const a = await buildClinic(ctx, { name: '甲社区法律诊所' });
    const b = await buildClinic(ctx, { name: '乙社区法律诊所' });
    const twoSlots = { schedule: { rules: [{ weekday: 1, start: '09:00', end: '10:00' }] } };
    const steady = await addProvider(ctx, a, { ...twoSlots, displayName: '王律师' });
    const absent = await addProvider(ctx, a, { ...twoSlots, displayName: '李律师' });
    const other = await addProvider(ctx, b, { ...twoSlots, displayName: '赵律师' });
    const r = await Promise.all([1, 2, 3, 4].map(() => buildResident(ctx)));
    const ids = [];
    for (const [cl, p, who, at] of [
      [a, steady, r[0], '09:00'],
      [a, steady, r[1], '09:30'],
      [a, absent, r[2], '09:00'],
      [b, other, r[3], '09:00'],
    ] as const) {
      const res = await book(ctx, cl.clinicId, who, bookBody(p.providerId, sh(MON, at)));
      expect(res.status).toBe(201);
      ids.push(res.body.booking.id as string);
    }
    c.set(sh(MON, '10:00'));
    expect((await post(`/api/clinic-bookings/${ids[0]}/record`, steady, record)).status).toBe(200);
    expect((await post(`/api/clinic-bookings/${ids[1]}/no-show`, steady, { side: 'resident' })).status).toBe(200);
    expect((await post(`/api/clinic-bookings/${ids[2]}/no-show`, r[2], { side: 'provider' })).status).toBe(200);
    expect((await post(`/api/clinic-bookings/${ids[3]}/record`, other, record)).status).toBe(200);

    const q = `from=${MON}&to=${MON}`;
    expect((await ctx.http.get(`/api/clinic-stats?${q}`)).status).toBe(401);
    const admin = await buildDistrictAdmin(ctx);
    const district = await ctx.http.get(`/api/clinic-stats?${q}`).set('Authorization', admin.auth);
    expect(district.status).toBe(200);
    expect(district.body).toMatchObject({ consultations: 2, noShow: { resident: 1, provider: 1, rate: 0.5 } });
    expect(district.body.byClinic).toEqual([
      {
        clinicId: a.clinicId,
        name: '甲社区法律诊所',
        peopleServed: 1,
        consultations: 1,
        noShow: { resident: 1, provider: 1, rate: 0.667 },
        mediation: { cases: 0, agreement: 0, noAgreement: 0, successRate: null },
      },
      {
        clinicId: b.clinicId,
        name: '乙社区法律诊所',
        peopleServed: 1,
        consultations: 1,
        noShow: { resident: 0, provider: 0, rate: 0 },
        mediation: { cases: 0, agreement: 0, noAgreement: 0, successRate: null },
      },
    ]);
    expect(
      district.body.byProvider.map(
        (p: { name: string; clinicName: string; consultations: number; noShow: unknown }) => [
          p.name,
          p.clinicName,
          p.consultations,
          p.noShow,
        ],
      ),
    ).toEqual([
      ['李律师', '甲社区法律诊所', 0, { resident: 0, provider: 1, rate: 1 }],
      ['王律师', '甲社区法律诊所', 1, { resident: 1, provider: 0, rate: 0.5 }],
      ['赵律师', '乙社区法律诊所', 1, { resident: 0, provider: 0, rate: 0 }],
    ]);

    const own = await ctx.http
      .get(`/api/clinic-stats?clinicId=${b.clinicId}&${q}`)
      .set('Authorization', b.coordinator.auth);
    expect(own.body.byClinic.map((x: { name: string }) => x.name)).toEqual(['乙社区法律诊所']);
    expect(own.body.byProvider.map((x: { name: string }) => x.name)).toEqual(['赵律师']);
    const csv = await ctx.http.get(`/api/clinic-stats.csv?${q}`).set('Authorization', admin.auth);
    expect(csv.text).toContain('"诊所「甲社区法律诊所」未到场率","0.667"');
    expect(csv.text).toContain('"甲社区法律诊所 李律师 未到场率（咨询 0 次）","1"');
  });
});

import { buildDistrictAdmin, buildStaff } from '../../../test/support';
import { addProvider, book, bookBody, buildClinic, buildResident, clinicSuite, sh } from './fixtures';

const { ctx, c } = clinicSuite();

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

describe('clinic stats by month, and who sees per-provider no-shows', () => {
  it('when consultations, no-shows and mediations fall in two months, the series has every month of the period with its counts and success rate', async () => {
    const a = await buildClinic(ctx, { name: '丙社区法律诊所' });
    const lawyer = await addProvider(ctx, a, { schedule: { rules: [{ weekday: 1, start: '09:00', end: '10:00' }] } });
    const r = await Promise.all([1, 2, 3, 4].map(() => buildResident(ctx)));
    const FEB = '2027-02-01';
    const ids: string[] = [];
    for (const [who, at] of [
      [r[0], sh(MON, '09:00')],
      [r[1], sh(MON, '09:30')],
      [r[2], sh(FEB, '09:00')],
      [r[3], sh(FEB, '09:30')],
    ] as const) {
      const res = await book(ctx, a.clinicId, who, bookBody(lawyer.providerId, at));
      expect(res.status).toBe(201);
      ids.push(res.body.booking.id as string);
    }
    expect((await post(`/api/clinic-bookings/${ids[3]}/cancel`, r[3])).status).toBe(200);
    const open = async () => {
      const res = await post('/api/mediation/cases', a.coordinator, {
        disputeType: 'neighbour',
        description: '楼道堆物引发邻里争执',
        parties: [
          { name: '孙女士', role: 'applicant' },
          { name: '周先生', role: 'respondent' },
        ],
        clinicId: a.clinicId,
      });
      expect(res.status).toBe(201);
      return res.body.case.id as string;
    };
    const january = await open();
    c.set(sh(MON, '10:00'));
    expect((await post(`/api/clinic-bookings/${ids[0]}/record`, lawyer, record)).status).toBe(200);
    expect((await post(`/api/clinic-bookings/${ids[1]}/no-show`, lawyer, { side: 'resident' })).status).toBe(200);
    c.set(sh(FEB, '10:00'));
    expect((await post(`/api/clinic-bookings/${ids[2]}/record`, lawyer, record)).status).toBe(200);
    const agreement = { outcome: 'agreement', agreementText: '双方同意一周内清理楼道堆物。' };
    expect((await post(`/api/mediation/cases/${january}/outcome`, a.coordinator, agreement)).status).toBe(200);
    const february = await open();
    expect(
      (await post(`/api/mediation/cases/${february}/outcome`, a.coordinator, { outcome: 'no_agreement' })).status,
    ).toBe(200);

    const res = await ctx.http
      .get(`/api/clinic-stats?clinicId=${a.clinicId}&from=2026-12-20&to=2027-02-28`)
      .set('Authorization', a.coordinator.auth);
    expect(res.status).toBe(200);
    expect(res.body.byMonth).toEqual([
      {
        month: '2026-12',
        bookings: 0,
        consultations: 0,
        noShows: 0,
        mediations: 0,
        agreement: 0,
        noAgreement: 0,
        successRate: null,
      },
      {
        month: '2027-01',
        bookings: 2,
        consultations: 1,
        noShows: 1,
        mediations: 1,
        agreement: 0,
        noAgreement: 0,
        successRate: null,
      },
      {
        month: '2027-02',
        bookings: 2,
        consultations: 1,
        noShows: 0,
        mediations: 1,
        agreement: 1,
        noAgreement: 1,
        successRate: 0.5,
      },
    ]);
    expect(res.body.abilities).toEqual({ providerNoShows: true });
    expect(res.body.byProvider.map((p: { providerId: string }) => p.providerId)).toEqual([lawyer.providerId]);
  });

  it('when a mediator asks for the district stats, 200 without per-provider no-show rates; a district admin gets them; a mediator asking for a clinic, 403', async () => {
    const a = await buildClinic(ctx, { name: '丁社区法律诊所' });
    const lawyer = await addProvider(ctx, a, { displayName: '周律师' });
    const resident = await buildResident(ctx);
    const b = await book(ctx, a.clinicId, resident, bookBody(lawyer.providerId, sh(MON, '09:00')));
    c.set(sh(MON, '09:40'));
    expect((await post(`/api/clinic-bookings/${b.body.booking.id}/no-show`, lawyer, { side: 'resident' })).status).toBe(
      200,
    );
    const q = `from=${MON}&to=${MON}`;
    const mediator = await buildStaff(ctx, { roles: [{ role: 'mediator' }] });
    const admin = await buildDistrictAdmin(ctx);

    const seen = await ctx.http.get(`/api/clinic-stats?${q}`).set('Authorization', mediator.auth);
    expect(seen.status).toBe(200);
    expect(seen.body.abilities).toEqual({ providerNoShows: false });
    expect(seen.body.byProvider).toEqual([]);
    expect(seen.body.noShow.resident).toBeGreaterThanOrEqual(1);
    const csv = await ctx.http.get(`/api/clinic-stats.csv?${q}`).set('Authorization', mediator.auth);
    expect(csv.text).not.toContain('周律师');
    expect(
      (await ctx.http.get(`/api/clinic-stats?clinicId=${a.clinicId}&${q}`).set('Authorization', mediator.auth)).status,
    ).toBe(403);

    const district = await ctx.http.get(`/api/clinic-stats?${q}`).set('Authorization', admin.auth);
    expect(district.body.abilities).toEqual({ providerNoShows: true });
    expect(district.body.byProvider).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: '周律师', noShow: { resident: 1, provider: 0, rate: 1 } }),
      ]),
    );
  });
});

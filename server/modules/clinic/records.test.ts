import sharp from 'sharp';
import { buildStaff } from '../../../test/support';
import { inUnitOfWork } from '../../platform/unit-of-work';
import { MediationCase } from './model';
import { addProvider, book, bookBody, buildClinic, buildResident, clinicSuite, sh } from './fixtures';

const { ctx, c } = clinicSuite();

const MON = '2038-01-04';
const NOTES = '私密记录：当事人情绪激动，掌握的证据有限';
const record = (outcome = 'answered') => ({
  notes: NOTES,
  summary: '建议先与单位协商，协商不成可申请劳动仲裁，保留工资条。',
  outcome,
});
const post = (path: string, who: { auth: string }, body: object = {}) =>
  ctx.http.post(path).set('Authorization', who.auth).send(body);

/** A clinic with a lawyer, their student, a booking with each, and the clock moved past the start. */
async function scene() {
  const cl = await buildClinic(ctx);
  const lawyer = await addProvider(ctx, cl, { schedule: { rules: [{ weekday: 1, start: '09:00', end: '11:00' }] } });
  const student = await addProvider(ctx, cl, {
    kind: 'student',
    supervisorUserId: lawyer.user.id,
    schedule: { rules: [{ weekday: 1, start: '09:00', end: '10:00' }] },
  });
  const resident = await buildResident(ctx);
  const withLawyer = await book(
    ctx,
    cl.clinicId,
    resident,
    bookBody(lawyer.providerId, sh(MON, '10:00'), { opposingParty: { name: '某某公司', org: '某某公司' } }),
  );
  const withStudent = await book(ctx, cl.clinicId, resident, bookBody(student.providerId, sh(MON, '09:00')));
  c.set(sh(MON, '10:45'));
  return {
    cl,
    lawyer,
    student,
    resident,
    lawyerBooking: withLawyer.body.booking.id as string,
    studentBooking: withStudent.body.booking.id as string,
  };
}

describe('consultation records', () => {
  it('when a student records, the resident sees no summary until the supervising lawyer signs it off, and never the notes', async () => {
    const s = await scene();
    const early = await post(`/api/clinic-bookings/${s.studentBooking}/record`, s.student, record());
    expect(early.status).toBe(200);
    expect(early.body.outcome).toBe('awaiting_signoff');
    const before = await ctx.http.get(`/api/clinic-bookings/${s.studentBooking}`).set('Authorization', s.resident.auth);
    expect(before.body).toMatchObject({ status: 'completed', summary: null, outcome: null });
    expect(JSON.stringify(before.body)).not.toContain('私密记录');
    expect(
      (await ctx.http.get('/api/me/clinic-signoffs').set('Authorization', s.lawyer.auth)).body.items.map(
        (b: { id: string }) => b.id,
      ),
    ).toEqual([s.studentBooking]);
    const otherLawyer = await addProvider(ctx, s.cl);
    expect((await post(`/api/clinic-bookings/${s.studentBooking}/sign-off`, otherLawyer)).status).toBe(404);
    expect((await post(`/api/clinic-bookings/${s.studentBooking}/sign-off`, s.student)).status).toBe(403);
    const signed = await post(`/api/clinic-bookings/${s.studentBooking}/sign-off`, s.lawyer, { comment: '同意' });
    expect(signed.body.outcome).toBe('published');
    const after = await ctx.http.get('/api/me/clinic-bookings').set('Authorization', s.resident.auth);
    const mine = after.body.items.find((b: { id: string }) => b.id === s.studentBooking);
    expect(mine).toMatchObject({ summary: record().summary, outcomeLabel: '已解答', abilities: { rate: true } });
    expect(JSON.stringify(after.body)).not.toContain('私密记录');
    const rated = await post(`/api/clinic-bookings/${s.studentBooking}/rating`, s.resident, {
      stars: 5,
      comment: '很耐心',
    });
    expect(rated.body.booking.rating).toEqual({ stars: 5, comment: '很耐心' });
    expect((await post(`/api/clinic-bookings/${s.studentBooking}/rating`, s.resident, { stars: 4 })).status).toBe(409);
    expect((await post(`/api/clinic-bookings/${s.studentBooking}/rating`, s.resident, { stars: 9 })).status).toBe(400);
  });

  it('when the consultation has not started, the lawyer is not offered 填写咨询记录 and writing one is 409; from the start both flip', async () => {
    const cl = await buildClinic(ctx);
    const lawyer = await addProvider(ctx, cl);
    const resident = await buildResident(ctx);
    const r = await book(ctx, cl.clinicId, resident, bookBody(lawyer.providerId, sh(MON, '09:00')));
    const id = r.body.booking.id as string;
    const view = async (who: { auth: string }) =>
      (await ctx.http.get(`/api/clinic-bookings/${id}`).set('Authorization', who.auth)).body.abilities;
    expect(await view(lawyer)).toMatchObject({ record: false, markNoShow: false, decline: true });
    expect(await view(resident)).toMatchObject({ cancel: true, reschedule: true, markNoShow: false });
    const early = await post(`/api/clinic-bookings/${id}/record`, lawyer, record());
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('咨询开始后才能填写记录');

    c.set(sh(MON, '09:00'));
    expect(await view(lawyer)).toMatchObject({ record: true, markNoShow: true });
    // After the start the resident can no longer cancel or move it (the commands say too_late).
    expect(await view(resident)).toMatchObject({ cancel: false, reschedule: false, markNoShow: true });
    expect((await post(`/api/clinic-bookings/${id}/record`, lawyer, record())).status).toBe(200);
  });
});

describe('privacy', () => {
  it('when another resident, a lawyer of another clinic or a student not linked to the supervisor asks, 404 on bookings and notes', async () => {
    const s = await scene();
    await post(`/api/clinic-bookings/${s.lawyerBooking}/record`, s.lawyer, record());
    const otherResident = await buildResident(ctx);
    const otherClinic = await buildClinic(ctx);
    const foreignLawyer = await addProvider(ctx, otherClinic);
    const otherSupervisor = await addProvider(ctx, s.cl);
    const unlinkedStudent = await addProvider(ctx, s.cl, {
      kind: 'student',
      supervisorUserId: otherSupervisor.user.id,
    });
    for (const who of [otherResident, foreignLawyer, unlinkedStudent]) {
      for (const id of [s.lawyerBooking, s.studentBooking]) {
        expect((await ctx.http.get(`/api/clinic-bookings/${id}`).set('Authorization', who.auth)).status).toBe(404);
        expect((await post(`/api/clinic-bookings/${id}/cancel`, who, { reason: '测试取消' })).status).toBe(404);
      }
    }
    const agenda = await ctx.http
      .get(`/api/me/clinic-agenda?from=${MON}&days=1`)
      .set('Authorization', unlinkedStudent.auth);
    expect(agenda.body.items).toEqual([]);
    const foreignCoordinator = await ctx.http
      .get(`/api/clinic-bookings?clinicId=${s.cl.clinicId}&from=${MON}`)
      .set('Authorization', otherClinic.coordinator.auth);
    expect(foreignCoordinator.status).toBe(403);
    const own = await ctx.http
      .get(`/api/clinic-bookings?clinicId=${s.cl.clinicId}&from=${MON}`)
      .set('Authorization', s.cl.coordinator.auth);
    expect(own.body.items.find((b: { id: string }) => b.id === s.lawyerBooking).record.notes).toBe(NOTES);
    const residentView = await ctx.http
      .get(`/api/clinic-bookings/${s.lawyerBooking}`)
      .set('Authorization', s.resident.auth);
    expect(residentView.body.summary).toBe(record().summary);
    expect(JSON.stringify(residentView.body)).not.toContain('私密记录');
    expect(residentView.body).not.toHaveProperty('record');
  });
});

describe('attachments', () => {
  it('when a file is not an image or PDF 415, over 5 MB 413; a PDF and a re-encoded image are kept for the booking', async () => {
    const resident = await buildResident(ctx);
    const up = (buf: Buffer) =>
      ctx.http
        .post('/api/clinic-attachments?name=evidence')
        .set('Authorization', resident.auth)
        .set('Content-Type', 'application/octet-stream')
        .send(buf);
    expect((await ctx.http.post('/api/clinic-attachments').send(Buffer.from('x'))).status).toBe(401);
    expect((await up(Buffer.from('MZ not a document'))).status).toBe(415);
    expect((await up(Buffer.alloc(5 * 1024 * 1024 + 10, 0x25))).status).toBe(413);
    const pdf = await up(Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'));
    expect(pdf.status).toBe(201);
    expect(pdf.body.attachment.kind).toBe('pdf');
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    const img = await up(png);
    expect(img.body.attachment.kind).toBe('image');
    const cl = await buildClinic(ctx);
    const lawyer = await addProvider(ctx, cl);
    const stranger = await buildResident(ctx);
    const notMine = await book(
      ctx,
      cl.clinicId,
      stranger,
      bookBody(lawyer.providerId, sh(MON, '09:00'), { attachmentIds: [pdf.body.attachment.id] }),
    );
    expect(notMine.body.error.fields).toEqual([{ path: 'attachmentIds', message: '附件不存在或不属于您' }]);
    const ok = await book(
      ctx,
      cl.clinicId,
      resident,
      bookBody(lawyer.providerId, sh(MON, '09:00'), {
        attachmentIds: [pdf.body.attachment.id, img.body.attachment.id],
      }),
    );
    expect(ok.body.booking.attachments).toHaveLength(2);
    const file = await ctx.http
      .get(`/api/clinic-attachments/${pdf.body.attachment.id}`)
      .set('Authorization', lawyer.auth);
    expect(file.status).toBe(200);
    expect(
      (await ctx.http.get(`/api/clinic-attachments/${pdf.body.attachment.id}`).set('Authorization', stranger.auth))
        .status,
    ).toBe(404);
  });
});

describe('mediation', () => {
  it('when a lawyer records 转调解, the committee sees the case, records an agreement, and the success rate counts it with its counts', async () => {
    const s = await scene();
    const rec = await post(`/api/clinic-bookings/${s.lawyerBooking}/record`, s.lawyer, record('to_mediation'));
    const caseId = rec.body.booking.record.mediationCaseId as string;
    expect(caseId).toMatch(/^[0-9a-f]{24}$/);
    const mediator = await buildStaff(ctx, { roles: [{ role: 'mediator' }] });
    expect((await ctx.http.get('/api/mediation/cases').set('Authorization', s.resident.auth)).status).toBe(403);
    const queue = await ctx.http.get('/api/mediation/cases').set('Authorization', mediator.auth);
    expect(queue.body.items.find((x: { id: string }) => x.id === caseId)).toMatchObject({
      source: { kind: 'consultation', id: s.lawyerBooking },
      disputeTypeLabel: '劳动争议',
    });
    expect(
      (await post(`/api/mediation/cases/${caseId}/mediator`, mediator, { mediatorId: mediator.user.id })).body.case
        .mediator.id,
    ).toBe(mediator.user.id);
    const session = await post(`/api/mediation/cases/${caseId}/sessions`, mediator, {
      at: sh('2038-01-06', '14:00'),
      place: '幸福里调解室',
    });
    expect(session.body.case.sessions).toHaveLength(1);
    const noText = await post(`/api/mediation/cases/${caseId}/outcome`, mediator, { outcome: 'agreement' });
    expect(noText.body.error.fields).toEqual([
      { path: 'agreementText', message: '达成协议时请填写协议内容（至少 10 个字）' },
    ]);
    const closed = await post(`/api/mediation/cases/${caseId}/outcome`, mediator, {
      outcome: 'agreement',
      agreementText: '单位于一月底前补发全部拖欠工资，双方不再追究。',
    });
    expect(closed.body.case).toMatchObject({ status: 'closed', outcomeLabel: '达成协议' });
    expect((await post(`/api/mediation/cases/${caseId}/outcome`, mediator, { outcome: 'withdrawn' })).status).toBe(409);

    const walkIn = await post('/api/mediation/cases', s.cl.coordinator, {
      disputeType: 'neighbour',
      description: '楼上噪音扰民纠纷',
      clinicId: s.cl.clinicId,
      parties: [
        { name: '甲', role: 'applicant' },
        { name: '乙', role: 'respondent' },
      ],
    });
    await post(`/api/mediation/cases/${walkIn.body.case.id}/outcome`, s.cl.coordinator, { outcome: 'no_agreement' });
    const walkIn2 = await post('/api/mediation/cases', s.cl.coordinator, {
      disputeType: 'neighbour',
      description: '占用楼道堆物纠纷',
      clinicId: s.cl.clinicId,
      parties: [
        { name: '丙', role: 'applicant' },
        { name: '丁', role: 'respondent' },
      ],
    });
    await post(`/api/mediation/cases/${walkIn2.body.case.id}/outcome`, s.cl.coordinator, { outcome: 'withdrawn' });

    const q = `clinicId=${s.cl.clinicId}&from=2038-01-01&to=2038-01-31`;
    const stats = await ctx.http.get(`/api/clinic-stats?${q}`).set('Authorization', s.cl.coordinator.auth);
    expect(stats.body.mediation).toEqual({
      cases: 3,
      agreement: 1,
      noAgreement: 1,
      withdrawn: 1,
      open: 0,
      successRate: 0.5,
    });
    expect(stats.body.consultations).toBe(1);
    expect((await ctx.http.get(`/api/clinic-stats?${q}`).set('Authorization', mediator.auth)).status).toBe(403);
    expect(
      (
        await ctx.http
          .get(`/api/clinic-stats?clinicId=${s.cl.clinicId}&from=2038-01-31&to=2038-01-01`)
          .set('Authorization', s.cl.coordinator.auth)
      ).body.error.fields,
    ).toEqual([{ path: 'to', message: '结束日期不能早于开始日期' }]);
    const csv = await ctx.http.get(`/api/clinic-stats.csv?${q}`).set('Authorization', s.cl.coordinator.auth);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain('"调解成功率（达成协议 ÷ (达成协议 + 未达成)）","0.5"');
  });

  it('when reports emits report.dispute_referred (twice for one report), one mediation case opens for it', async () => {
    const payload = {
      reportId: 'r-12345',
      categoryCode: 'dispute',
      description: '小区停车位纠纷，双方争执不下',
      address: '幸福里 3 号楼',
      lng: 116.4,
      lat: 39.91,
      reporterUserId: '64b7f0c2a1b2c3d4e5f60718',
    };
    for (let i = 0; i < 2; i++) {
      await inUnitOfWork(ctx.deps, async (uow) =>
        uow.emit({ type: 'report.dispute_referred', aggregate: 'report:r-12345', payload }),
      );
    }
    const cases = await MediationCase.find({ sourceKey: 'report:r-12345' }).lean();
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      status: 'open',
      address: '幸福里 3 号楼',
      description: payload.description,
      source: { kind: 'report', id: 'r-12345' },
    });
  });
});

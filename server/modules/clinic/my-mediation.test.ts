import { Types } from 'mongoose';
import { buildStaff } from '../../../test/support';
import { Notification } from '../notifications';
import { MediationCase } from './model';
import { addProvider, book, bookBody, buildClinic, buildResident, clinicSuite, openCase, sh } from './fixtures';

const { ctx, c } = clinicSuite();

const MON = '2038-01-04';
const SESSION_NOTE = '内部记录：对方底线为补发两个月工资';
const RECORD_NOTES = '私密记录：当事人情绪激动';
const OPPOSING_PHONE = '13900000009';
const AGREEMENT = '单位于一月底前补发全部拖欠工资，双方不再追究。';
const post = (path: string, who: { auth: string }, body: object = {}) =>
  ctx.http.post(path).set('Authorization', who.auth).send(body);
const mine = (who?: { auth: string }) => {
  const req = ctx.http.get('/api/me/mediation-cases');
  return who ? req.set('Authorization', who.auth) : req;
};

/**
 * A resident's consultation referred to mediation by the lawyer (转调解: the resident becomes
 * the case's applicant with an account), a named mediator and two sessions, one with a note.
 */
async function referredCase() {
  const cl = await buildClinic(ctx);
  const lawyer = await addProvider(ctx, cl, { schedule: { rules: [{ weekday: 1, start: '09:00', end: '11:00' }] } });
  const resident = await buildResident(ctx);
  const booked = await book(
    ctx,
    cl.clinicId,
    resident,
    bookBody(lawyer.providerId, sh(MON, '10:00'), {
      opposingParty: { name: '某某公司', phone: OPPOSING_PHONE, org: '某某公司' },
    }),
  );
  c.set(sh(MON, '10:45'));
  const rec = await post(`/api/clinic-bookings/${booked.body.booking.id}/record`, lawyer, {
    notes: RECORD_NOTES,
    summary: '建议先申请调解，保留工资条与考勤记录。',
    outcome: 'to_mediation',
  });
  const caseId = rec.body.booking.record.mediationCaseId as string;
  const mediator = await buildStaff(ctx, { roles: [{ role: 'mediator' }], displayName: '调解员老周' });
  expect(
    (await post(`/api/mediation/cases/${caseId}/mediator`, mediator, { mediatorId: mediator.user.id })).status,
  ).toBe(200);
  for (const [day, hhmm, note] of [
    ['2038-01-06', '14:00', SESSION_NOTE],
    ['2038-01-08', '09:30', undefined],
  ] as const) {
    const s = await post(`/api/mediation/cases/${caseId}/sessions`, mediator, {
      at: sh(day, hhmm),
      place: '幸福里调解室',
      ...(note ? { note } : {}),
    });
    expect(s.status).toBe(200);
  }
  return { cl, resident, mediator, caseId };
}

describe('我的调解 (GET /api/me/mediation-cases)', () => {
  it('when nobody is signed in it is 401, and when the resident has not accepted the privacy policy 403', async () => {
    expect((await mine()).status).toBe(401);
    expect((await mine(await buildResident(ctx, { consented: false }))).status).toBe(403);
  });

  it('when the resident is a party, they see the mediator’s name, the sessions past and upcoming and then the agreement, and never the notes or the other side’s phone', async () => {
    const s = await referredCase();
    c.set(sh('2038-01-07', '09:00'));
    const open = await mine(s.resident);
    expect(open.status).toBe(200);
    expect(open.body.items).toEqual([
      {
        id: s.caseId,
        clinicName: '幸福里社区法律诊所',
        disputeType: 'labour',
        disputeTypeLabel: '劳动争议',
        myRole: 'applicant',
        myRoleLabel: '申请人',
        mediatorName: '调解员老周',
        sessions: [
          { at: sh('2038-01-06', '14:00'), place: '幸福里调解室', upcoming: false },
          { at: sh('2038-01-08', '09:30'), place: '幸福里调解室', upcoming: true },
        ],
        status: 'open',
        statusLabel: '调解中',
        outcome: null,
        outcomeLabel: null,
        agreementText: null,
        openedAt: sh(MON, '10:45'),
        closedAt: null,
      },
    ]);
    const text = JSON.stringify(open.body);
    for (const secret of [SESSION_NOTE, RECORD_NOTES, OPPOSING_PHONE, s.mediator.username])
      expect(text).not.toContain(secret);
    // The party's session notice leads to the case under 我的调解.
    const notices = await Notification.find({
      user: new Types.ObjectId(s.resident.user.id),
      title: '调解时间已安排',
    }).lean();
    expect(notices.map((n) => n.link)).toContain(`/packages/clinic/my/index?case=${s.caseId}`);

    const closed = await post(`/api/mediation/cases/${s.caseId}/outcome`, s.mediator, {
      outcome: 'agreement',
      agreementText: AGREEMENT,
    });
    expect(closed.status).toBe(200);
    const after = (await mine(s.resident)).body.items[0];
    expect(after).toMatchObject({
      status: 'closed',
      statusLabel: '已结案',
      outcomeLabel: '达成协议',
      agreementText: AGREEMENT,
      closedAt: sh('2038-01-07', '09:00'),
    });
    expect(JSON.stringify(after)).not.toContain(SESSION_NOTE);
    const ended = await Notification.find({ user: new Types.ObjectId(s.resident.user.id), title: '调解已结束' }).lean();
    expect(ended.map((n) => [n.body, n.link])).toContainEqual([
      '您参与的调解已结束，可在“我的法律咨询 · 我的调解”查看结果。',
      `/packages/clinic/my/index?case=${s.caseId}`,
    ]);
  });

  it('when another resident asks, they see none of the case; and a withdrawn case shows its party no agreement text, whatever was left on it', async () => {
    const s = await referredCase();
    const other = await buildResident(ctx);
    const theirs = await mine(other);
    expect(theirs.status).toBe(200);
    expect(theirs.body.items).toEqual([]);
    expect((await ctx.http.get(`/api/mediation/cases/${s.caseId}`).set('Authorization', other.auth)).status).toBe(403);

    // A walk-in case where the same resident is the respondent, withdrawn with a draft left behind.
    const walkIn = await openCase(ctx, s.cl.coordinator);
    await MediationCase.updateOne(
      { _id: walkIn },
      { $set: { 'parties.1.user': new Types.ObjectId(s.resident.user.id) } },
    );
    c.set(sh(MON, '11:00'));
    expect(
      (await post(`/api/mediation/cases/${walkIn}/outcome`, s.cl.coordinator, { outcome: 'withdrawn' })).status,
    ).toBe(200);
    await MediationCase.updateOne({ _id: walkIn }, { $set: { agreementText: '草拟的协议：双方各承担一半维修费用。' } });
    const items = (await mine(s.resident)).body.items;
    expect(items.map((x: { id: string }) => x.id).sort()).toEqual([s.caseId, walkIn].sort());
    expect(items.find((x: { id: string }) => x.id === walkIn)).toMatchObject({
      myRoleLabel: '被申请人',
      mediatorName: null,
      sessions: [],
      outcomeLabel: '撤回',
      agreementText: null,
    });
    expect(JSON.stringify(items)).not.toContain('草拟的协议');
    expect((await mine(other)).body.items).toEqual([]);
  });

  it('when a party downloads their data, their cases come as they see them in 我的调解, without the session notes', async () => {
    const s = await referredCase();
    await post(`/api/mediation/cases/${s.caseId}/outcome`, s.mediator, {
      outcome: 'agreement',
      agreementText: AGREEMENT,
    });
    const res = await ctx.http.get('/api/me/export').set('Authorization', s.resident.auth);
    expect(res.status).toBe(200);
    const data = JSON.parse(
      Buffer.isBuffer(res.body) ? res.body.toString('utf8') : (res.text ?? JSON.stringify(res.body)),
    );
    const text = JSON.stringify(data);
    expect(text).not.toContain(SESSION_NOTE);
    expect(data.clinic.mediationCases).toMatchObject([
      { id: s.caseId, mediatorName: '调解员老周', outcomeLabel: '达成协议', agreementText: AGREEMENT },
    ]);
  });
});

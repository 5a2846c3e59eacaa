/**
 * Pure client logic of the volunteering pages: Beijing-time conversions, the
 * publish form → API body, discovery filters → query, and scanned-code parsing.
 */
import { ZActivityCreateInput, type TActivityDetailDto } from '@shared/schemas/volunteering/activities';
import { EMPTY_ACTIVITY, buildActivityInput, draftFromActivity, draftFromHelp } from './activity-form';
import { buildActivityQuery, dateWindow } from './discover-query';
import { adminTeamIds, formatDistance, formatMinutes, formatRange, isoToShanghai, shanghaiToIso } from './labels';
import { helpRequestProblem } from './help-form';
import { parseScanned } from './scan';

const A = 'a'.repeat(24);
const S = 'b'.repeat(24);

describe('Beijing time', () => {
  test('when a Beijing wall-clock time is entered, it is sent as the UTC instant 8 hours earlier', () => {
    expect(shanghaiToIso('2026-11-23', '09:30')).toBe('2026-11-23T01:30:00.000Z');
    expect(shanghaiToIso('2026-11-24', '03:00')).toBe('2026-11-23T19:00:00.000Z');
  });

  test('when the date or time is malformed, no instant is produced', () => {
    expect(shanghaiToIso('2026/11/23', '09:30')).toBeNull();
    expect(shanghaiToIso('2026-11-23', '9.30')).toBeNull();
  });

  test('when a UTC instant is shown, it reads in Beijing time and round-trips', () => {
    expect(isoToShanghai('2026-11-23T19:00:00.000Z')).toEqual({ date: '2026-11-24', time: '03:00' });
    expect(formatRange('2026-11-23T01:00:00Z', '2026-11-23T03:00:00Z')).toBe('2026-11-23 09:00–11:00');
    expect(formatRange('2026-11-23T15:00:00Z', '2026-11-23T17:00:00Z')).toBe('2026-11-23 23:00 – 2026-11-24 01:00');
  });

  test('distances and minutes read naturally', () => {
    expect(formatDistance(420.4)).toBe('420 米');
    expect(formatDistance(2345)).toBe('2.3 公里');
    expect(formatMinutes(135)).toBe('2 小时 15 分钟');
    expect(formatMinutes(-30)).toBe('-30 分钟');
  });

  test('team admin grants give the teams a user manages', () => {
    expect(
      adminTeamIds([{ role: 'team_admin', scopeId: 't1' }, { role: 'district_admin' }, { role: 'team_admin' }]),
    ).toEqual(['t1']);
  });
});

describe('publish form', () => {
  // The form refuses shifts in the past: these dates are in the future of NOW.
  const NOW = Date.parse('2026-11-30T00:00:00.000Z');
  const draft = {
    ...EMPTY_ACTIVITY,
    title: '社区助老探访',
    description: '陪伴独居老人',
    address: '幸福里 88 号',
    location: { lng: 121.47, lat: 31.23 },
    shifts: [{ date: '2026-12-01', start: '09:00', end: '11:00', capacity: '2', overnight: false }],
  };

  test('when a team takes up a help request, the form starts with its category and a shift at its date and time', () => {
    const help = {
      title: '生活帮办：买菜',
      description: '独居老人需要每周买菜帮助',
      address: '幸福小区 3 号楼',
      location: null,
      category: 'community_service' as const,
      neededAt: '2026-12-01T15:00:00.000Z',
      helpRequestId: S,
    };
    const d = draftFromHelp({ ...draft, shifts: [draft.shifts[0]] }, help);
    expect(d).toMatchObject({ title: help.title, category: 'community_service', location: draft.location });
    // 23:00 Beijing: the two-hour shift ends at 01:00 the next day.
    expect(d.shifts[0]).toMatchObject({ date: '2026-12-01', start: '23:00', end: '01:00', overnight: true });
  });

  test('when deadlines are left blank, both default to the first shift start and the body passes the server schema', () => {
    const { body, errors } = buildActivityInput(A, draft, NOW);
    expect(errors).toEqual({});
    expect(body.shifts).toEqual([{ start: '2026-12-01T01:00:00.000Z', end: '2026-12-01T03:00:00.000Z', capacity: 2 }]);
    expect(body.signupDeadline).toBe('2026-12-01T01:00:00.000Z');
    expect(body.cancelDeadline).toBe('2026-12-01T01:00:00.000Z');
    expect(ZActivityCreateInput.safeParse(body).success).toBe(true);
  });

  test('when a shift ends at or before its start time, it is an error unless the shift is marked overnight', () => {
    const late = { date: '2026-12-01', start: '22:00', end: '02:00', capacity: '3', overnight: false };
    const refused = buildActivityInput(A, { ...draft, shifts: [late] }, NOW);
    expect(refused.errors['shifts.0.end']).toBe('结束时间须晚于开始时间；跨夜的班次请打开“跨夜”');
    const { body, errors } = buildActivityInput(A, { ...draft, shifts: [{ ...late, overnight: true }] }, NOW);
    expect(errors).toEqual({});
    expect(body.shifts[0]).toEqual({ start: '2026-12-01T14:00:00.000Z', end: '2026-12-01T18:00:00.000Z', capacity: 3 });
  });

  test('when a new shift starts in the past, its start reports it', () => {
    const { errors } = buildActivityInput(A, draft, Date.parse('2026-12-01T02:00:00.000Z'));
    expect(errors['shifts.0.start']).toBe('班次开始时间不能早于现在');
  });

  test('when a shift has no date, the shift field reports it', () => {
    const { errors } = buildActivityInput(
      A,
      { ...draft, shifts: [{ date: '', start: '09:00', end: '11:00', capacity: '2', overnight: false }] },
      NOW,
    );
    expect(errors['shifts.0.start']).toBe('请选择班次日期和开始、结束时间');
  });

  test('when capacity is zero, the server schema refuses it at the shift', () => {
    const { body } = buildActivityInput(A, { ...draft, shifts: [{ ...draft.shifts[0], capacity: '0' }] }, NOW);
    const r = ZActivityCreateInput.safeParse(body);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['shifts', 0, 'capacity']);
  });

  test('when an activity is edited, its shifts and deadlines come back in Beijing time', () => {
    const d = draftFromActivity({
      ...draft,
      title: draft.title,
      id: A,
      coverUrl: null,
      requiredSkills: ['急救'],
      signupDeadline: '2026-11-30T16:00:00.000Z',
      cancelDeadline: '2026-12-01T00:00:00.000Z',
      checkinRadiusM: 200,
      requiresApproval: true,
      checkinRequired: true,
      category: 'elderly_care',
      shifts: [
        {
          id: S,
          start: '2026-12-01T01:00:00.000Z',
          end: '2026-12-01T03:00:00.000Z',
          capacity: 5,
          taken: 1,
          remaining: 4,
          waiting: 0,
        },
      ],
    } as unknown as TActivityDetailDto);
    expect(d.signupDate).toBe('2026-12-01');
    expect(d.signupTime).toBe('00:00');
    expect(d.shifts).toEqual([
      { shiftId: S, date: '2026-12-01', start: '09:00', end: '11:00', capacity: '5', overnight: false },
    ]);
    expect(d.requiredSkills).toBe('急救');
  });
});

describe('discovery query', () => {
  const base = { sort: 'time' as const, date: 'all' as const, suitable: false };

  test('when 附近 is chosen with a position, the query carries it; without one it does not', () => {
    expect(buildActivityQuery({ ...base, sort: 'near' }, { lng: 121.4, lat: 31.2 }, 1)).toMatchObject({
      lng: 121.4,
      lat: 31.2,
      page: 1,
    });
    expect(buildActivityQuery({ ...base, sort: 'near' }, null, 1).lng).toBeUndefined();
  });

  test('when 适合我, a category and a team are chosen, each is sent', () => {
    expect(buildActivityQuery({ ...base, suitable: true, category: 'health', teamId: A }, null, 2)).toMatchObject({
      suitable: true,
      category: 'health',
      teamId: A,
      page: 2,
    });
  });

  test('when search words are typed, they are sent trimmed; blank words are not sent', () => {
    expect(buildActivityQuery({ ...base, q: '  敬老院 ' }, null, 1).q).toBe('敬老院');
    expect(buildActivityQuery({ ...base, q: '   ' }, null, 1)).not.toHaveProperty('q');
  });

  test('when 今天 is chosen, the window ends at the next Beijing midnight', () => {
    const now = Date.parse('2026-11-23T15:30:00Z'); // 23:30 in Beijing
    expect(dateWindow('today', now)).toEqual({ from: '2026-11-23T15:30:00.000Z', to: '2026-11-23T16:00:00.000Z' });
    expect(dateWindow('all', now)).toEqual({});
  });
});

describe('scanned check-in code', () => {
  const token = `v1.${A}.${S}.59000000.abcdefghijklmnopqrstuv`;
  test('when the code is the bare token, its activity is read from it', () => {
    expect(parseScanned(` ${token} `)).toEqual({ token, activityId: A });
  });
  test('when the code is a link carrying t=, the token is taken from it', () => {
    expect(
      parseScanned(`https://linli.example/#/packages/volunteer/checkin/index?t=${encodeURIComponent(token)}`),
    ).toEqual({ token, activityId: A });
  });
  test('when the code is something else, no activity is named', () => {
    expect(parseScanned('hello').activityId).toBeNull();
  });
});

describe('help request form', () => {
  const need = {
    category: 'elderly_care',
    description: '独居老人需要每周买菜帮助',
    address: '幸福小区 3 号楼',
    neededAt: '2026-12-01T01:00:00.000Z',
  };

  test('when the description is only emoji and punctuation, the shared schema refuses it before sending', () => {
    expect(helpRequestProblem({ ...need, description: '🙏🙏🙏🙏🙏！！' })).toBe('描述须包含文字，不能只有表情或符号');
    expect(helpRequestProblem(need)).toBeNull();
  });
});

/**
 * Pure logic behind the pages added for issue 4's gallery, appeals and discovery:
 * who may upload photos, the weekly availability the profile form sends, and the
 * PATCH body of an activity edit.
 */
import { ZActivityUpdateInput, type TActivityDetailDto } from '@shared/schemas/volunteering/activities';
import type { TSignupDto } from '@shared/schemas/volunteering/signups';
import { blankShift, buildActivityInput, buildActivityPatch, draftFromActivity } from './activity-form';
import { galleryAccess } from './gallery-access';
import { availabilityOf, draftOf } from './profile-draft';

const A = 'a'.repeat(24);
const S = 'b'.repeat(24);

const signup = (over: Partial<TSignupDto>): TSignupDto =>
  ({ id: 'c'.repeat(24), shiftId: S, activityId: A, status: 'confirmed', checkinAt: null, ...over }) as TSignupDto;

describe('gallery access', () => {
  test('when the activity has no on-site check-in, a confirmed place is enough to upload', () => {
    expect(galleryAccess({ checkinRequired: false }, [signup({})])).toEqual({ canUpload: true, uploadHint: null });
  });

  test('when the activity uses check-in and the volunteer has not checked in, they are told to check in first', () => {
    expect(galleryAccess({ checkinRequired: true }, [signup({})])).toEqual({
      canUpload: false,
      uploadHint: '现场签到后可上传活动照片',
    });
    expect(galleryAccess({ checkinRequired: true }, [signup({ checkinAt: '2026-11-23T01:00:00Z' })]).canUpload).toBe(
      true,
    );
  });

  test('when the place is only waitlisted, pending or cancelled, there is no upload and no hint', () => {
    for (const status of ['waitlisted', 'pending_approval', 'cancelled'] as const) {
      expect(galleryAccess({ checkinRequired: false }, [signup({ status })])).toEqual({
        canUpload: false,
        uploadHint: null,
      });
    }
  });
});

describe('volunteer availability', () => {
  test('when weekdays and a window are chosen, one slot per weekday is sent', () => {
    expect(availabilityOf({ days: [1, 3], from: '09:00', to: '12:00' })).toEqual([
      { weekday: 1, from: '09:00', to: '12:00' },
      { weekday: 3, from: '09:00', to: '12:00' },
    ]);
  });

  test('when no weekday is chosen, no slots are sent (any time)', () => {
    expect(availabilityOf({ days: [], from: '', to: '' })).toEqual([]);
  });

  test('when the window is malformed or backwards, a Chinese message explains it', () => {
    expect(() => availabilityOf({ days: [2], from: '9点', to: '12:00' })).toThrow('HH:MM');
    expect(() => availabilityOf({ days: [2], from: '12:00', to: '09:00' })).toThrow('结束必须晚于开始');
  });

  test('when a saved profile is loaded, its weekdays and window fill the form', () => {
    const d = draftOf({
      skills: ['急救'],
      serviceAreas: ['幸福里'],
      intro: '',
      availability: [
        { weekday: 5, from: '18:00', to: '21:00' },
        { weekday: 0, from: '18:00', to: '21:00' },
      ],
    } as never);
    expect(d).toMatchObject({ skills: '急救', serviceAreas: '幸福里', days: [0, 5], from: '18:00', to: '21:00' });
  });
});

describe('activity edit', () => {
  const original = {
    id: A,
    teamId: A,
    title: '旧标题',
    description: '旧介绍',
    coverUrl: null,
    address: '光明路 1 号',
    location: { lng: 121.47, lat: 31.23 },
    category: 'environment',
    requiredSkills: [],
    signupDeadline: '2026-12-01T01:00:00.000Z',
    cancelDeadline: '2026-12-01T01:00:00.000Z',
    checkinRadiusM: 300,
    requiresApproval: true,
    checkinRequired: true,
    shifts: [{ id: S, start: '2026-12-01T01:00:00.000Z', end: '2026-12-01T03:00:00.000Z', capacity: 5 }],
  } as unknown as TActivityDetailDto;

  test('when only text changes, the PATCH passes the API schema and leaves approval, check-in and shifts alone', () => {
    const d = { ...draftFromActivity(original), title: '新标题', address: '光明路 8 号' };
    const patch = buildActivityPatch(original, d, buildActivityInput(A, d, Date.parse('2026-11-30T00:00:00.000Z')).body);
    expect(ZActivityUpdateInput.safeParse(patch).success).toBe(true);
    expect(patch).toMatchObject({ title: '新标题', address: '光明路 8 号' });
    expect(patch).not.toHaveProperty('requiresApproval');
    expect(patch).not.toHaveProperty('checkinRequired');
    expect(patch).not.toHaveProperty('capacities');
    expect(patch).not.toHaveProperty('shiftTimes');
    expect(patch).not.toHaveProperty('addShifts');
  });

  test('when a shift moves, gets more places, or is added, the PATCH carries exactly those changes', () => {
    const base = draftFromActivity(original);
    const d = {
      ...base,
      shifts: [
        { ...base.shifts[0], start: '10:00', end: '12:00', capacity: '8' },
        { ...blankShift(), date: '2026-12-02', start: '09:00', end: '10:00', capacity: '3' },
      ],
    };
    const patch = buildActivityPatch(original, d, buildActivityInput(A, d, Date.parse('2026-11-30T00:00:00.000Z')).body);
    expect(ZActivityUpdateInput.safeParse(patch).success).toBe(true);
    expect(patch.capacities).toEqual([{ shiftId: S, capacity: 8 }]);
    expect(patch.shiftTimes).toEqual([
      { shiftId: S, start: '2026-12-01T02:00:00.000Z', end: '2026-12-01T04:00:00.000Z' },
    ]);
    expect(patch.addShifts).toEqual([
      { start: '2026-12-02T01:00:00.000Z', end: '2026-12-02T02:00:00.000Z', capacity: 3 },
    ]);
  });
});

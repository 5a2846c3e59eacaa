/** Pure client logic of the community admin forms: notice detail ↔ draft, place draft → API input. */
import { ZNoticeInput, type TNoticeDetail } from '@shared/schemas/community/notices';
import { ZPlaceInput } from '@shared/schemas/community/places';
import { draftFromNotice, toNoticeInput } from './useNoticeEditor';
import { toPlaceInput } from './usePlaceEditor';

// The forms' pure parts only: the API client (Taro at load) is not needed here.
jest.mock('../../services/community', () => ({ communityApi: {} }));

const C = 'c'.repeat(24);

describe('notice editing', () => {
  test('when a published notice is opened for editing, its paragraphs become lines and its expiry Shanghai time, and it goes back out unchanged', () => {
    const n = {
      id: 'x',
      title: '停水通知',
      body: '<p>明天 <strong>停水</strong></p><p>A &amp; B &lt;楼&gt;</p>',
      category: 'announcement',
      communityIds: [C],
      pinned: true,
      urgent: false,
      expiresAt: '2026-12-06T01:30:00.000Z',
      attachments: [],
    } as unknown as TNoticeDetail;
    const draft = draftFromNotice(n);
    expect(draft).toMatchObject({ text: '明天 停水\nA & B <楼>', communityId: C, pinned: true, expiryDate: '2026-12-06', expiryTime: '09:30' });
    const input = toNoticeInput(draft);
    expect(input.body).toBe('<p>明天 停水</p><p>A &amp; B &lt;楼&gt;</p>');
    expect(new Date(input.expiresAt!).toISOString()).toBe('2026-12-06T01:30:00.000Z');
    expect(ZNoticeInput.safeParse(input).success).toBe(true);
  });
});

describe('place form', () => {
  const draft = { type: 'pharmacy' as const, name: '康民药店', address: '幸福路 9 号', lng: '116.404', lat: '39.915', openingHours: '', phone: '' };

  test('when the coordinates are typed, they go out as numbers and empty optional fields are left out', () => {
    const input = toPlaceInput(draft);
    expect(input).toEqual({ type: 'pharmacy', name: '康民药店', address: '幸福路 9 号', location: { lng: 116.404, lat: 39.915 } });
    expect(ZPlaceInput.safeParse(input).success).toBe(true);
  });

  test('when a coordinate is empty or out of range, the shared schema refuses it', () => {
    expect(ZPlaceInput.safeParse(toPlaceInput({ ...draft, lng: '' })).success).toBe(false);
    expect(ZPlaceInput.safeParse(toPlaceInput({ ...draft, lat: '95' })).success).toBe(false);
  });
});

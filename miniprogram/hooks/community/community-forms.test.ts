/** Pure client logic of the community admin forms: notice detail ↔ draft, place draft → API input. */
import { htmlToMarkup, insertAt, markupToHtml, NOTICE_TOOLS } from '@shared/notice-markup';
import { ZNoticeInput, type TNoticeDetail } from '@shared/schemas/community/notices';
import { ZPlaceInput } from '@shared/schemas/community/places';
import { draftFromNotice, toNoticeInput } from './useNoticeEditor';
import { toPlaceInput } from './usePlaceEditor';

// The forms' pure parts only: the API client (Taro at load) is not needed here.
jest.mock('../../services/community', () => ({ communityApi: {} }));

const C = 'c'.repeat(24);

describe('notice editing', () => {
  test('when a published notice is opened for editing, its paragraphs become lines (bold kept as markup) and its expiry Shanghai time, and it goes back out unchanged', () => {
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
    expect(draft).toMatchObject({ text: '明天 **停水**\nA & B <楼>', communityId: C, pinned: true, expiryDate: '2026-12-06', expiryTime: '09:30' });
    const input = toNoticeInput(draft);
    expect(input.body).toBe(n.body);
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

describe('notice body toolbar', () => {
  test('when the admin uses the toolbar, the markup becomes headings, lists, bold and https links, and an edited notice comes back as the same markup', () => {
    let text = '明天停水';
    text = insertAt(text, 0, NOTICE_TOOLS[1]); // heading on a line of its own, before the text
    text = insertAt(text, text.length, NOTICE_TOOLS[2]);
    text = insertAt(text, text.length, NOTICE_TOOLS[0]);
    expect(text).toBe('## 小标题\n明天停水\n- 列表项**重点内容**');
    const markup = '## 停水安排\n明天 **9:00-12:00** 停水 & 检修\n- 一号楼\n- 二号楼\n1. 储水\n2. 关阀\n详见[区政府通告](https://gov.cn/a?x=1&y=2)与[旧链接](http://x.cn)';
    const html = markupToHtml(markup);
    expect(html).toBe(
      '<h3>停水安排</h3><p>明天 <strong>9:00-12:00</strong> 停水 &amp; 检修</p><ul><li>一号楼</li><li>二号楼</li></ul><ol><li>储水</li><li>关阀</li></ol>' +
        '<p>详见<a href="https://gov.cn/a?x=1&amp;y=2">区政府通告</a>与[旧链接](http://x.cn)</p>',
    );
    expect(htmlToMarkup(html)).toBe(markup);
    expect(markupToHtml('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });
});

describe('notice attachments in the form', () => {
  test('when a notice with uploaded files and a link is edited, the files stay in order and the link follows them', () => {
    const n = {
      body: '<p>x</p>',
      communityIds: [],
      expiresAt: null,
      attachments: [
        { name: '照片.jpg', kind: 'image', url: '/api/notice-files/a', thumbUrl: '/api/notice-files/a?size=thumb', fileId: 'a'.repeat(24), bytes: 2048 },
        { name: '通告', kind: 'link', url: 'https://gov.cn/a', thumbUrl: null, fileId: null, bytes: null },
        { name: '清单.xlsx', kind: 'document', url: '/api/notice-files/b', thumbUrl: null, fileId: 'b'.repeat(24), bytes: 4096 },
      ],
    } as unknown as TNoticeDetail;
    const draft = draftFromNotice(n);
    expect(draft.files.map((f) => f.kind)).toEqual(['image', 'document']);
    expect(toNoticeInput({ ...draft, title: '标题' }).attachments).toEqual([
      { name: '照片.jpg', fileId: 'a'.repeat(24) },
      { name: '清单.xlsx', fileId: 'b'.repeat(24) },
      { name: '通告', url: 'https://gov.cn/a' },
    ]);
  });
});

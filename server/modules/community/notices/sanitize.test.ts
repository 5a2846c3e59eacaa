import { markupToHtml } from '@shared/notice-markup';
import { plainText, sanitizeNoticeBody } from './sanitize';

describe('the editor toolbar and the sanitizer', () => {
  test('when the toolbar markup becomes HTML, the sanitizer keeps all of it (links only gain rel and target)', () => {
    const html = markupToHtml('## 停水安排\n明天 **9:00** 停水\n- 一号楼\n1. 储水\n详见[通告](https://gov.cn/a?x=1&y=2)');
    expect(sanitizeNoticeBody(html)).toBe(html.replace('<a href="https://gov.cn/a?x=1&amp;y=2">', '<a href="https://gov.cn/a?x=1&amp;y=2" rel="noopener noreferrer" target="_blank">'));
    expect(plainText(sanitizeNoticeBody(html))).toBe('停水安排\n明天 9:00 停水\n一号楼\n储水\n详见通告');
  });
});

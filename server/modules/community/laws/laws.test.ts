import { createTestContext, type TestContext } from '../../../../test/support';
import { LAW_TOPICS } from '@shared/law-topics';
import { LawArticle } from './model';
import { lawDocument, seedLawStarterSet } from './seed';

let ctx: TestContext;
jest.setTimeout(60_000);
beforeAll(async () => {
  ctx = await createTestContext();
  await seedLawStarterSet();
  await seedLawStarterSet(); // idempotent
  // A distractor that mentions the words only in passing, to be ranked below the real hits.
  await LawArticle.create(
    lawDocument({
      key: 'test-distractor',
      kind: 'explainer',
      law: '以案说法',
      title: '社区活动须知',
      text: '参加活动前请阅读须知。本文与离婚、退货、试用期无关，只是提到了这些词。',
      topics: ['neighbour'],
      source: '测试',
      effectiveDate: '2026-01-01',
    }),
  );
});
afterAll(async () => {
  await ctx.close();
});

type Hit = { id: string; law: string; title: string; score: number; kind: string };
const search = async (q: string, extra: Record<string, unknown> = {}) => {
  const res = await ctx.http.get('/api/laws').query({ q, ...extra });
  expect(res.status).toBe(200);
  return res.body.items as Hit[];
};
const label = (h: Hit) => `${h.law.replace('中华人民共和国', '')}${h.title}`;

describe('law library search in Chinese', () => {
  test('when the query is missing, too long or the topic unknown, 400 with the field', async () => {
    const none = await ctx.http.get('/api/laws');
    expect(none.status).toBe(400);
    expect(none.body.error.fields).toEqual([{ path: 'q', message: '请输入关键词或选择专题' }]);
    expect((await ctx.http.get('/api/laws').query({ q: '法'.repeat(31) })).body.error.fields[0].path).toBe('q');
    expect((await ctx.http.get('/api/laws').query({ topic: 'space' })).body.error.fields[0].path).toBe('topic');
  });

  test('when a resident searches 2–4 characters, the articles about it come first, ranked by relevance', async () => {
    const divorce = await search('离婚');
    expect(divorce.slice(0, 4).map(label)).toEqual(
      expect.arrayContaining(['民法典第一千零七十六条', '民法典第一千零七十七条', '民法典第一千零八十四条']),
    );
    expect(divorce.map((h) => h.law)).toContain('以案说法'); // the distractor is found…
    expect(label(divorce[divorce.length - 1])).toBe('以案说法社区活动须知'); // …and ranked last

    expect(label((await search('试用期'))[0])).toBe('劳动合同法第十九条（节选）');
    expect(label((await search('劳动报酬'))[0])).toBe('劳动合同法第三十条');
    // The explainer with 退货 in its title ranks first; both articles follow it.
    const returns = (await search('退货')).slice(0, 3).map(label);
    expect(returns).toEqual(['以案说法网购商品七天无理由退货', '消费者权益保护法第二十四条', '消费者权益保护法第二十五条（节选）']);
    expect((await search('交通事故')).slice(0, 3).map((h) => h.law)).toContain('中华人民共和国道路交通安全法');
    const agreement = (await search('调解协议')).slice(0, 3).map(label);
    expect(agreement).toEqual(expect.arrayContaining(['人民调解法第三十一条', '人民调解法第三十三条（节选）']));
    const scores = (await search('调解协议')).map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(await search('量子力学')).toEqual([]);
  });

  test('when a topic is chosen, its articles are listed (usable from clinic topics and report categories), and an article opens with its source and date', async () => {
    const topics = await ctx.http.get('/api/laws/topics');
    expect(topics.body.items.map((t: { code: string }) => t.code)).toEqual([...LAW_TOPICS]);
    expect(topics.body.items.find((t: { code: string }) => t.code === 'labour').count).toBeGreaterThanOrEqual(6);
    const labour = await search('', { topic: 'labour' });
    expect(labour.length).toBeGreaterThanOrEqual(6);
    const inTopic = await search('工资', { topic: 'labour' });
    expect(inTopic.map(label)).toEqual(expect.arrayContaining(['劳动合同法第八十二条', '以案说法被拖欠工资怎么办？']));
    const article = await ctx.http.get(`/api/laws/${inTopic[0].id}`);
    expect(article.status).toBe(200);
    expect(article.body.text.length).toBeGreaterThan(20);
    expect(article.body.source).toBeTruthy();
    expect(article.body.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await ctx.http.get('/api/laws/000000000000000000000000')).status).toBe(404);
  });
});

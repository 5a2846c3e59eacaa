import { createTestContext, buildResident, type TestContext } from '../../../test/support';
import { AppError } from '../../http/errors';
import { unlessRefused } from '../../http/refusals';
import { checkText, contentRiskyAnswer } from './check';
import { staffKeywordHits } from './staff-keywords';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ env: { STAFF_CONTENT_KEYWORDS: '赌博, 违禁词' } });
});
afterAll(async () => {
  await ctx?.close();
});
afterEach(() => ctx.sandbox.clearFaults());

describe('checkText', () => {
  it('when the text is clean, passes', async () => {
    const r = await buildResident(ctx);
    expect(await checkText(ctx.deps, { openid: r.openid, texts: ['楼道灯坏了，请尽快维修'], scene: 'forum' })).toEqual({
      outcome: 'pass',
    });
  });

  it('when WeChat suggests review, returns review so the caller holds the content', async () => {
    const r = await buildResident(ctx);
    const outcome = await checkText(ctx.deps, { openid: r.openid, texts: ['这里有待审词'], scene: 'comment' });
    expect(outcome).toEqual({ outcome: 'review' });
  });

  it('when a field is risky, refuses with content_risky naming the field, which the edge answers 422', async () => {
    const r = await buildResident(ctx);
    const verdict = await checkText(ctx.deps, {
      openid: r.openid,
      fields: { title: '正常标题', description: '欢迎访问赌博网站' },
      scene: 'forum',
    });
    expect(verdict).toEqual({ outcome: 'content_risky', fields: [{ path: 'description', message: '该内容包含违规信息' }] });
    let err: unknown;
    try {
      unlessRefused(verdict, { content_risky: contentRiskyAnswer });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: 'content_risky',
      status: 422,
      fields: [{ path: 'description', message: '该内容包含违规信息' }],
    });
  });

  it('when a long text hides a risky word past 2500 characters, still catches it', async () => {
    const r = await buildResident(ctx);
    const text = '好'.repeat(3000) + '违禁词';
    expect(await checkText(ctx.deps, { openid: r.openid, texts: [text], scene: 'forum' })).toEqual({
      outcome: 'content_risky',
      fields: [],
    });
  });

  it('when WeChat is unavailable, holds the content for review instead of failing', async () => {
    const r = await buildResident(ctx);
    ctx.sandbox.injectFault({ path: '/wxa/msg_sec_check', httpStatus: 503, times: 5 });
    expect(await checkText(ctx.deps, { openid: r.openid, texts: ['你好'], scene: 'forum' })).toEqual({ outcome: 'review' });
  });

  it('when there is nothing to check, passes without asking WeChat', async () => {
    ctx.sandbox.injectFault({ path: '/wxa/msg_sec_check', httpStatus: 503, times: 5 });
    expect(await checkText(ctx.deps, { openid: 'o_x', texts: ['  ', ''], scene: 'forum' })).toEqual({ outcome: 'pass' });
  });

  it('when staff (no openid) write a listed word, holds it for review without asking WeChat; clean staff text passes', async () => {
    ctx.sandbox.injectFault({ path: '/wxa/msg_sec_check', httpStatus: 503, times: 5 });
    expect(await checkText(ctx.deps, { fields: { description: '周末在广场举办赌 博危害宣传' }, scene: 'forum' })).toEqual({
      outcome: 'review',
    });
    expect(await checkText(ctx.deps, { fields: { description: '周末在广场举办防诈骗宣传' }, scene: 'forum' })).toEqual({ outcome: 'pass' });
  });
});

describe('staffKeywordHits', () => {
  it('finds listed words per field, ignoring case, spacing and zero-width characters', () => {
    const words = ['赌博', 'casino'];
    expect(staffKeywordHits(words, { title: '正常标题', description: '欢迎来 CASINO 和赌\u200b博' })).toEqual([
      { path: 'description', words: ['赌博', 'casino'] },
    ]);
    expect(staffKeywordHits([], { description: '赌博' })).toEqual([]);
  });
});

import { createTestContext, buildResident, type TestContext } from '../../../test/support';
import { AppError } from '../../http/errors';
import { checkText } from './check';
import { createdStatusFor, moderationStatusFor } from './moderation';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});
afterEach(() => ctx.sandbox.clearFaults());

describe('checkText', () => {
  it('when the text is clean, passes', async () => {
    const r = await buildResident(ctx);
    expect(await checkText(ctx.deps, { openid: r.openid, texts: ['楼道灯坏了，请尽快维修'], scene: 'forum' })).toBe(
      'pass',
    );
  });

  it('when WeChat suggests review, returns review so the caller holds the content', async () => {
    const r = await buildResident(ctx);
    const outcome = await checkText(ctx.deps, { openid: r.openid, texts: ['这里有待审词'], scene: 'comment' });
    expect(outcome).toBe('review');
    expect(moderationStatusFor(outcome)).toBe('pending_review');
    expect(createdStatusFor(moderationStatusFor(outcome))).toBe(202);
  });

  it('when a field is risky, throws content_risky (422) naming the field', async () => {
    const r = await buildResident(ctx);
    const err = await checkText(ctx.deps, {
      openid: r.openid,
      fields: { title: '正常标题', description: '欢迎访问赌博网站' },
      scene: 'forum',
    }).catch((e: unknown) => e);
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
    await expect(checkText(ctx.deps, { openid: r.openid, texts: [text], scene: 'forum' })).rejects.toMatchObject({
      code: 'content_risky',
    });
  });

  it('when WeChat is unavailable, holds the content for review instead of failing', async () => {
    const r = await buildResident(ctx);
    ctx.sandbox.injectFault({ path: '/wxa/msg_sec_check', httpStatus: 503, times: 5 });
    expect(await checkText(ctx.deps, { openid: r.openid, texts: ['你好'], scene: 'forum' })).toBe('review');
  });

  it('when there is nothing to check, passes without asking WeChat', async () => {
    ctx.sandbox.injectFault({ path: '/wxa/msg_sec_check', httpStatus: 503, times: 5 });
    expect(await checkText(ctx.deps, { openid: 'o_x', texts: ['  ', ''], scene: 'forum' })).toBe('pass');
  });
});

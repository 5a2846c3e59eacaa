import { createTestContext, TEST_CLOCK_START, type TestContext } from '../../../../test/support';
import { buildActivity, buildCertifiedTeam } from '../teams/api-testing';

jest.setTimeout(120_000);

let ctx: TestContext;
const clock = TEST_CLOCK_START;
beforeAll(async () => {
  ctx = await createTestContext({ now: () => clock });
});
afterAll(async () => {
  await ctx.close();
});

const ids = (body: { items: { id: string }[] }) => body.items.map((a) => a.id).sort();

describe('activity search (GET /api/activities?q=)', () => {
  test('when the search box is too long, 400 names the q field', async () => {
    const res = await ctx.http.get(`/api/activities?q=${encodeURIComponent('字'.repeat(31))}`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'q', message: '搜索词不能超过 30 个字' }]);
  });

  test('when words are searched, title and description match, every word must match, and other filters still apply', async () => {
    const base = { lng: 112.35, lat: 22.35 };
    const team = await buildCertifiedTeam(ctx, { location: base });
    const byTitle = await buildActivity(ctx, team, {
      title: '敬老院探访陪伴',
      description: '陪老人聊天下棋',
      category: 'elderly_care',
      location: base,
    });
    const byDescription = await buildActivity(ctx, team, {
      title: '周末社区活动',
      description: '去敬老院表演节目，欢迎会乐器的朋友',
      category: 'culture',
      location: { lng: base.lng + 0.01, lat: base.lat },
    });
    const other = await buildActivity(ctx, team, { title: '河道清洁', description: '捡拾河边垃圾', location: base });
    const scope = `teamId=${team.teamId}`;

    const one = await ctx.http.get(`/api/activities?${scope}&q=${encodeURIComponent('敬老院')}`);
    expect(one.status).toBe(200);
    expect(ids(one.body)).toEqual([byTitle.id, byDescription.id].sort());
    expect(ids(one.body)).not.toContain(other.id);

    const both = await ctx.http.get(`/api/activities?${scope}&q=${encodeURIComponent(' 敬老院  乐器 ')}`);
    expect(ids(both.body)).toEqual([byDescription.id]);

    const withCategory = await ctx.http.get(
      `/api/activities?${scope}&category=elderly_care&q=${encodeURIComponent('敬老院')}`,
    );
    expect(ids(withCategory.body)).toEqual([byTitle.id]);

    // Nearby with a search bypasses the per-cell cache and still sorts by distance.
    const near = await ctx.http.get(
      `/api/activities?lng=${base.lng}&lat=${base.lat}&radiusKm=5&q=${encodeURIComponent('敬老院')}`,
    );
    expect(near.body.items.map((a: { id: string }) => a.id)).toEqual([byTitle.id, byDescription.id]);
    expect(near.body.items[1].distanceM).toBeGreaterThan(900);

    // Regex characters are searched literally, not as patterns.
    const literal = await ctx.http.get(`/api/activities?${scope}&q=${encodeURIComponent('.*')}`);
    expect(literal.body.items).toEqual([]);

    const blank = await ctx.http.get(`/api/activities?${scope}&q=%20`);
    expect(ids(blank.body)).toHaveLength(3);
  });
});

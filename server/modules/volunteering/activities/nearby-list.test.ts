/**
 * The nearby list: the k nearest from the engine (exact distances, radius and paging for every
 * caller's point), and every change (edit, cancel, a place taken) visible on the next request here.
 */
import { createTestContext, TEST_CLOCK_START, type TestContext } from '../../../../test/support';
import { Types } from 'mongoose';
import { Activity, Shift } from './model';
import { ZActivityListQuery } from '@shared/schemas/volunteering/activities';
import { NEARBY_TTL_MS, invalidateActivityLists, listNearbyCached } from './queries';
import { buildActivity, buildCertifiedTeam, buildVolunteer } from '../teams/api-testing';
import { haversineMetres } from '../attendance';

jest.setTimeout(120_000);

let ctx: TestContext;
let clock = TEST_CLOCK_START;
beforeAll(async () => {
  ctx = await createTestContext({ now: () => clock });
});
afterAll(async () => {
  await ctx.close();
});

type Item = { id: string; title: string; distanceM: number; remaining: number };
const list = async (lng: number, lat: number, extra = ''): Promise<{ items: Item[]; hasMore: boolean }> => {
  const res = await ctx.http.get(`/api/activities?lng=${lng}&lat=${lat}&radiusKm=2${extra}`);
  expect(res.status).toBe(200);
  return res.body;
};

const hour = 3600_000;

/** Two activities at `base`: `soon` ends 75 hours after the clock's start (api-testing's activityInput), `later` 100 hours on. */
async function soonAndLater(base: { lng: number; lat: number }) {
  const team = await buildCertifiedTeam(ctx, { location: base });
  const soon = await buildActivity(ctx, team, { location: base });
  const laterStart = clock.getTime() + 100 * hour;
  const later = await buildActivity(ctx, team, {
    location: { lng: base.lng + 0.001, lat: base.lat },
    shifts: [{ start: new Date(laterStart).toISOString(), end: new Date(laterStart + 3 * hour).toISOString(), capacity: 2 }],
    signupDeadline: new Date(laterStart - 2 * hour).toISOString(),
    cancelDeadline: new Date(laterStart - 24 * hour).toISOString(),
  });
  return { soon, later };
}

describe('nearby list', () => {
  test('when two callers stand in the same cell, each gets exact distances, order and radius from their own point', async () => {
    const base = { lng: 112.31, lat: 22.31 };
    const team = await buildCertifiedTeam(ctx, { location: base });
    const west = await buildActivity(ctx, team, { location: { lng: base.lng - 0.004, lat: base.lat } });
    const east = await buildActivity(ctx, team, { location: { lng: base.lng + 0.004, lat: base.lat } });
    // ~2.3 km east of base: outside 2 km for the western caller, inside for the eastern one.
    const edge = await buildActivity(ctx, team, { location: { lng: base.lng + 0.0225, lat: base.lat } });

    const fromWest = await list(base.lng - 0.004, base.lat);
    expect(fromWest.items.map((a) => a.id)).toEqual([west.id, east.id]);
    expect(fromWest.items[0].distanceM).toBe(0);
    const fromEast = await list(base.lng + 0.004, base.lat);
    expect(fromEast.items.map((a) => a.id)).toEqual([east.id, west.id, edge.id]);
    expect(fromEast.items[0].distanceM).toBe(0);
    // 0.008° of longitude at 22.31°N on a 6378.1 km sphere ≈ 823 m.
    expect(fromEast.items[1].distanceM).toBeGreaterThan(815);
    expect(fromEast.items[1].distanceM).toBeLessThan(830);

    const page1 = await ctx.http.get(`/api/activities?lng=${base.lng + 0.004}&lat=${base.lat}&radiusKm=2&pageSize=2`);
    expect(page1.body.items.map((a: Item) => a.id)).toEqual([east.id, west.id]);
    expect(page1.body.hasMore).toBe(true);
    const page2 = await ctx.http.get(`/api/activities?lng=${base.lng + 0.004}&lat=${base.lat}&radiusKm=2&pageSize=2&page=2`);
    expect(page2.body.items.map((a: Item) => a.id)).toEqual([edge.id]);
    expect(page2.body.hasMore).toBe(false);
  });

  test('when thousands of activities match (more than any candidate cap), every page is the next nearest ones, nearest first, without gaps or repeats', async () => {
    const base = { lng: 116.71, lat: 26.71 };
    const team = await buildCertifiedTeam(ctx, { location: base });
    const model = await buildActivity(ctx, team, { location: base });
    const doc = await Activity.findById(model.id).lean();
    const shift = await Shift.findOne({ activity: model.id }).lean();
    // 2,400 more within ~1.3 km (scattered, no two at one distance) and 3 more at the same address
    let seed = 7;
    const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const spots = [
      ...Array.from({ length: 2400 }, () => ({ lng: base.lng + (rand() - 0.5) * 0.024, lat: base.lat + (rand() - 0.5) * 0.022 })),
      base,
      base,
      base,
    ];
    const ids = spots.map(() => new Types.ObjectId());
    await Activity.collection.insertMany(
      spots.map((at, k) => ({ ...doc, _id: ids[k], location: { type: 'Point', coordinates: [at.lng, at.lat] } })),
    );
    await Shift.collection.insertMany(ids.map((id) => ({ ...shift, _id: new Types.ObjectId(), activity: id })));
    const all = [{ id: model.id, at: base }, ...ids.map((id, k) => ({ id: String(id), at: spots[k] }))]
      .map((a) => ({ id: a.id, d: haversineMetres(base, a.at, 6_378_100) }))
      .sort((x, y) => x.d - y.d || (x.id < y.id ? -1 : 1));

    // the first page (cached path): the 100 nearest, the four at the address first in id order
    const first = await list(base.lng, base.lat, '&pageSize=100');
    expect(first.items.map((a) => a.id).slice(0, 4)).toEqual(all.slice(0, 4).map((a) => a.id));
    expect(new Set(first.items.map((a) => a.id))).toEqual(new Set(all.slice(0, 100).map((a) => a.id)));
    expect(first.hasMore).toBe(true);
    // every page after it continues where the last one stopped
    const seen = [...first.items];
    for (let page = 2; page <= 25; page++) {
      const res = await list(base.lng, base.lat, `&pageSize=100&page=${page}`);
      expect(res.hasMore).toBe(page < 25);
      seen.push(...res.items);
    }
    expect(seen.map((a) => a.id)).toHaveLength(all.length);
    expect(new Set(seen.map((a) => a.id))).toEqual(new Set(all.map((a) => a.id)));
    const ds = seen.map((a) => a.distanceM);
    expect(ds).toEqual([...ds].sort((x, y) => x - y));
    // pages 7 and 24, asked on their own, hold the 601st-700th and 2,301st-2,400th nearest
    for (const page of [7, 24]) {
      const res = await list(base.lng, base.lat, `&pageSize=100&page=${page}`);
      expect(new Set(res.items.map((a) => a.id))).toEqual(new Set(all.slice((page - 1) * 100, page * 100).map((a) => a.id)));
    }
  });

  test('when an activity is edited, a place is taken, or the activity is cancelled, the next list shows it', async () => {
    const base = { lng: 113.41, lat: 23.41 };
    const team = await buildCertifiedTeam(ctx, { location: base });
    const act = await buildActivity(ctx, team, { location: base });
    const before = await list(base.lng, base.lat);
    expect(before.items).toMatchObject([{ id: act.id, title: '社区清洁日', remaining: 2 }]);

    const edit = await ctx.http.patch(`/api/activities/${act.id}`).set('Authorization', team.admin.auth).send({ title: '河道清洁日' });
    expect(edit.status).toBe(200);
    expect((await list(base.lng, base.lat)).items).toMatchObject([{ id: act.id, title: '河道清洁日', remaining: 2 }]);

    const v = await buildVolunteer(ctx);
    const signup = await ctx.http.post(`/api/shifts/${act.shiftIds[0]}/signups`).set('Authorization', v.auth).send({});
    expect(signup.body.outcome).toBe('confirmed');
    expect((await list(base.lng, base.lat)).items).toMatchObject([{ id: act.id, remaining: 1 }]);

    const cancel = await ctx.http.post(`/api/activities/${act.id}/cancel`).set('Authorization', team.admin.auth).send({ reason: '天气原因' });
    expect(cancel.status).toBe(200);
    expect((await list(base.lng, base.lat)).items).toEqual([]);
  });

  test('when an activity changes outside this process (here: straight in the database), lists show it once the cache lifetime is over', async () => {
    const base = { lng: 114.51, lat: 24.51 };
    const team = await buildCertifiedTeam(ctx, { location: base });
    const act = await buildActivity(ctx, team, { location: base });
    expect((await list(base.lng, base.lat)).items.map((a) => a.title)).toEqual(['社区清洁日']);
    await Activity.updateOne({ _id: act.id }, { $set: { title: '外部修改' } });
    // Still cached right after the change...
    expect((await list(base.lng, base.lat)).items.map((a) => a.title)).toEqual(['社区清洁日']);
    // ...and once the lifetime is over, the next request starts a reload (answered from the old
    // page meanwhile) and the one after that sees the change.
    await new Promise((r) => setTimeout(r, NEARBY_TTL_MS + 100));
    await list(base.lng, base.lat);
    await new Promise((r) => setTimeout(r, 200));
    expect((await list(base.lng, base.lat)).items.map((a) => a.title)).toEqual(['外部修改']);
  });

  test('when an activity on a cached list ends, the next list leaves it out (no waiting for the cache lifetime)', async () => {
    const base = { lng: 117.81, lat: 27.81 };
    const { soon, later } = await soonAndLater(base);
    expect((await list(base.lng, base.lat)).items.map((a) => a.id)).toEqual([soon.id, later.id]);
    const saved = clock;
    try {
      // `soon` ends 75 hours after the clock's start (api-testing's activityInput)
      clock = new Date(saved.getTime() + 76 * hour);
      expect((await list(base.lng, base.lat)).items.map((a) => a.id)).toEqual([later.id]);
    } finally {
      clock = saved;
    }
  });

  test('when a list is asked just after a listed activity ended, while a load started before the end is still running, its answer leaves the activity out', async () => {
    const base = { lng: 118.21, lat: 28.21 };
    const { soon, later } = await soonAndLater(base);
    const q = { ...ZActivityListQuery.parse({ lng: String(base.lng), lat: String(base.lat), radiusKm: '2' }), ...base };
    invalidateActivityLists();
    // The first request starts the load with its own clock; the second, made while that load is
    // under way, comes after `soon` ended (75 hours after the clock's start).
    const first = listNearbyCached(q, clock);
    const second = listNearbyCached(q, new Date(clock.getTime() + 76 * hour));
    const ids = async (body: Promise<string | null>) => (JSON.parse((await body) as string) as { items: Item[] }).items.map((a) => a.id);
    expect(await ids(first)).toEqual([soon.id, later.id]);
    expect(await ids(second)).toEqual([later.id]);
  });

  test('when the list is asked with a token, it is answered without resolving it (a bad token is ignored, as for anyone)', async () => {
    const base = { lng: 115.61, lat: 25.61 };
    const team = await buildCertifiedTeam(ctx, { location: base });
    const act = await buildActivity(ctx, team, { location: base });
    const res = await ctx.http
      .get(`/api/activities?lng=${base.lng}&lat=${base.lat}&radiusKm=2`)
      .set('Authorization', 'Bearer not-a-real-token-but-well-formed-123');
    expect(res.status).toBe(200);
    expect(res.body.items.map((a: Item) => a.id)).toEqual([act.id]);
    // "suitable for me" still needs the caller: with a bad token it is answered as anonymous.
    const suitable = await ctx.http
      .get(`/api/activities?lng=${base.lng}&lat=${base.lat}&radiusKm=2&suitable=true`)
      .set('Authorization', 'Bearer not-a-real-token-but-well-formed-123');
    expect(suitable.status).toBe(200);
    expect((await ctx.http.get('/api/activities?lng=200&lat=1').set('Authorization', 'Bearer x')).status).toBe(400);
  });
});

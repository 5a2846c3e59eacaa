import { Types } from 'mongoose';
import { buildResident, createTestContext, type TestContext } from '../../../../test/support';
import { Team } from '../../org/model';
import { buildTeamWithAdmin } from '../attendance/fixtures';
import { TeamMembership } from '../teams/model';

let ctx: TestContext;
jest.setTimeout(30_000);
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const need = () => ({
  category: 'elderly_care',
  description: '独居老人需要每周买菜帮助',
  address: '幸福小区 3 号楼',
  location: { lng: 121.47, lat: 31.23 },
  neededAt: new Date(Date.now() + 86_400_000).toISOString(),
});

async function pendingRequest(): Promise<string> {
  const author = await buildResident(ctx);
  const res = await ctx.http.post('/api/help-requests').set('Authorization', author.auth).send(need());
  expect(res.body.request.status).toBe('pending_review');
  return res.body.request.id as string;
}

/** A resident who is a team admin only through TeamMembership (no team_admin role grant). */
async function membershipAdmin(opts: { role: 'admin' | 'member'; status: 'active' | 'pending'; teamStatus?: string }) {
  const { team } = await buildTeamWithAdmin(ctx);
  if (opts.teamStatus) await Team.updateOne({ _id: team._id }, { $set: { status: opts.teamStatus } });
  const r = await buildResident(ctx);
  await TeamMembership.create({ team: team._id, user: new Types.ObjectId(r.user.id), role: opts.role, status: opts.status });
  return r;
}

describe('help-request reviewers', () => {
  it('when a resident is an active admin of a certified team by membership only, they see the queue, the detail and may approve', async () => {
    const id = await pendingRequest();
    const admin = await membershipAdmin({ role: 'admin', status: 'active' });
    const queue = await ctx.http.get('/api/admin/help-requests').set('Authorization', admin.auth);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(id);
    const detail = await ctx.http.get(`/api/help-requests/${id}`).set('Authorization', admin.auth);
    expect(detail.status).toBe(200);
    expect(detail.body.status).toBe('pending_review');
    const ok = await ctx.http.post(`/api/help-requests/${id}/review`).set('Authorization', admin.auth).send({ decision: 'approve' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ outcome: 'published', request: { status: 'published', review: { decision: 'approve' } } });
  });

  it('when the membership is a plain member, still pending, or of an uncertified team, review is 403 and the detail is hidden', async () => {
    const id = await pendingRequest();
    const others = [
      await membershipAdmin({ role: 'member', status: 'active' }),
      await membershipAdmin({ role: 'admin', status: 'pending' }),
      await membershipAdmin({ role: 'admin', status: 'active', teamStatus: 'pending' }),
    ];
    for (const o of others) {
      expect((await ctx.http.get('/api/admin/help-requests').set('Authorization', o.auth)).status).toBe(403);
      const res = await ctx.http.post(`/api/help-requests/${id}/review`).set('Authorization', o.auth).send({ decision: 'approve' });
      expect(res.status).toBe(403);
      expect((await ctx.http.get(`/api/help-requests/${id}`).set('Authorization', o.auth)).status).toBe(404);
    }
  });

  it('when a staff account holds the team_admin role grant, it may reject with a reason; 401 → 400 → 403 → 200', async () => {
    const id = await pendingRequest();
    const path = `/api/help-requests/${id}/review`;
    expect((await ctx.http.post(path).send({ decision: 'approve' })).status).toBe(401);
    const { admin } = await buildTeamWithAdmin(ctx);
    expect((await ctx.http.post(path).set('Authorization', admin.auth).send({ decision: 'reject' })).status).toBe(400);
    const outsider = await buildResident(ctx);
    expect((await ctx.http.post(path).set('Authorization', outsider.auth).send({ decision: 'approve' })).status).toBe(403);
    const res = await ctx.http.post(path).set('Authorization', admin.auth).send({ decision: 'reject', reason: '信息不全' });
    expect(res.status).toBe(200);
    expect(res.body.request.status).toBe('rejected');
  });
});

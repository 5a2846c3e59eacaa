/**
 * Volunteering (issue 4): signup storm and nearby list, through the real app over HTTP.
 *
 * 1. 2,000 concurrent signups for one 100-place shift: exactly 100 confirmed,
 *    1,900 waitlisted with positions 1..1,900 (no gaps, no duplicates), no 5xx;
 *    req/s as a ratio to a bare-Koa JSON POST storm of the same size (target ≥ 0.20).
 * 2. Nearby activity list (20 items) at 100 connections, the load sent from a worker thread
 *    (its own event loop, as clients are not inside the server): req/s ratio to a bare-Koa
 *    GET (target ≥ 0.40) and p99 ≤ 50 ms.
 * Users, sessions and volunteers are inserted directly (login is not what is measured).
 * VOL_BENCH_SIGNUPS / VOL_BENCH_CAPACITY / VOL_BENCH_LIST_OPS shrink it for a quick run.
 * VOL_BENCH_PROFILE=<dir> writes a CPU profile of each measured phase there (for finding hot spots).
 * Every phase reports the database calls the app made per request (mongoose's debug hook).
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { Session as Inspector } from 'node:inspector/promises';
import mongoose from 'mongoose';
import { Types } from 'mongoose';
import { createTestContext } from '../support';
import { Session } from '../../server/modules/auth/session-model';
import { hashToken } from '../../server/modules/auth/tokens';
import { currentPolicyVersion } from '../../server/modules/privacy/policy-text';
import { User } from '../../server/modules/users/model';
import { Team } from '../../server/modules/org/model';
import { Volunteer } from '../../server/modules/volunteering/volunteers/model';
import { Activity, Shift } from '../../server/modules/volunteering/activities/model';
import { Signup } from '../../server/modules/volunteering/signups/model';
import { httpLoad } from './http-load';
import { ratio, runOps, startBareKoa } from './lib';

const SIGNUPS = Number(process.env.VOL_BENCH_SIGNUPS ?? 2_000);
const CAPACITY = Number(process.env.VOL_BENCH_CAPACITY ?? 100);
// Long enough that p99 is steady state, not the first second's connection setup.
const LIST_OPS = Number(process.env.VOL_BENCH_LIST_OPS ?? 10_000);
const CONNECTIONS = 100;
const TARGETS = { signupRatio: 0.2, nearbyRatio: 0.4, nearbyP99Ms: 50 };
const HOUR = 3600_000;
const CENTER = { lng: 121.4737, lat: 31.2304 };
const PROFILE_DIR = process.env.VOL_BENCH_PROFILE;

/** Runs a phase, optionally under the CPU profiler, counting the database commands sent meanwhile. */
async function phase<T>(name: string, ops: number, fn: () => Promise<T>): Promise<{ result: T; dbCommandsPerOp: Record<string, number> }> {
  const counts: Record<string, number> = {};
  // mongoose's debug hook sees every collection call the app makes (one per command here).
  mongoose.set('debug', (collection: string, method: string) => {
    const key = `${collection}.${method}`;
    counts[key] = (counts[key] ?? 0) + 1;
  });
  const inspector = PROFILE_DIR ? new Inspector() : null;
  if (inspector) {
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
  }
  try {
    const result = await fn();
    return {
      result,
      dbCommandsPerOp: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number((v / ops).toFixed(2))])),
    };
  } finally {
    mongoose.set('debug', false);
    if (inspector && PROFILE_DIR) {
      const { profile } = await inspector.post('Profiler.stop');
      await fs.mkdir(PROFILE_DIR, { recursive: true });
      await fs.writeFile(`${PROFILE_DIR}/${name}.cpuprofile`, JSON.stringify(profile));
      inspector.disconnect();
    }
  }
}

// Fresh keep-alive agent per phase: idle sockets left from an earlier phase may
// already be closed by the server's keep-alive timeout ("socket hang up").
let agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
function freshAgent(): void {
  agent.destroy();
  agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
}

function request(url: string, method: 'GET' | 'POST', body?: unknown, auth?: string): Promise<{ status: number; json: unknown }> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          ...(auth ? { authorization: auth } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

async function seedPeople(n: number, now: Date): Promise<string[]> {
  const version = currentPolicyVersion();
  const tokens: string[] = [];
  const users = [];
  const sessions = [];
  const volunteers = [];
  for (let i = 0; i < n; i++) {
    const _id = new Types.ObjectId();
    const token = randomBytes(24).toString('base64url');
    tokens.push(`Bearer ${token}`);
    users.push({
      _id,
      kind: 'resident',
      openid: `o_bench_${_id.toHexString()}`,
      displayName: `志愿者${i}`,
      roles: [{ role: 'volunteer' }],
      status: 'active',
      consent: { version, at: now, history: [{ version, at: now }] },
    });
    sessions.push({ tokenHash: hashToken(token), userId: _id, expiresAt: new Date(now.getTime() + 24 * HOUR), lastSeenAt: now });
    volunteers.push({ user: _id, volunteerNo: `B${String(i).padStart(7, '0')}`, nameMasked: '张*' });
  }
  await User.insertMany(users, { ordered: false });
  await Session.insertMany(sessions, { ordered: false });
  await Volunteer.insertMany(volunteers, { ordered: false });
  return tokens;
}

async function seedActivity(team: Types.ObjectId, now: Date, capacity: number, lngOffset = 0) {
  const start = new Date(now.getTime() + 72 * HOUR);
  const activity = await Activity.create({
    team,
    teamName: '基准测试队',
    title: '社区清洁日',
    description: '基准测试活动',
    address: '上海市黄浦区测试路 1 号',
    location: { type: 'Point', coordinates: [CENTER.lng + lngOffset, CENTER.lat] },
    category: 'environment',
    signupDeadline: new Date(start.getTime() - 2 * HOUR),
    cancelDeadline: new Date(start.getTime() - 24 * HOUR),
    checkinRadiusM: 300,
    startsAt: start,
    endsAt: new Date(start.getTime() + 3 * HOUR),
    createdBy: new Types.ObjectId(),
  });
  const shift = await Shift.create({ activity: activity._id, team, start, end: activity.endsAt, capacity });
  return { activity, shift };
}

export default async function run(): Promise<Record<string, unknown>> {
  // As production runs: no per-answer schema check (test mode's; the API suite proves the shapes).
  const ctx = await createTestContext({ checkResponses: false });
  const bare = await startBareKoa();
  try {
    const now = new Date();
    const team = await Team.create({ name: '基准测试队', hostOrg: '测试', serviceArea: '测试', status: 'certified' });
    const tokens = await seedPeople(SIGNUPS, now);
    const { shift } = await seedActivity(team._id, now, CAPACITY);

    // --- 1. signup storm: all requests in flight at once ------------------------------------
    freshAgent();
    const bareStorm = await runOps(SIGNUPS, SIGNUPS, () => request(`${bare.url}/echo`, 'POST', { note: '' }));
    freshAgent();
    const statuses: number[] = new Array(SIGNUPS);
    const outcomes: Record<string, number> = {};
    const signupPhase = await phase('signups', SIGNUPS, () =>
      runOps(SIGNUPS, SIGNUPS, async (i) => {
        const r = await request(`${ctx.url}/api/shifts/${String(shift._id)}/signups`, 'POST', {}, tokens[i]);
        statuses[i] = r.status;
        const outcome = (r.json as { outcome?: string; error?: { code?: string } })?.outcome ?? `error:${(r.json as { error?: { code?: string } })?.error?.code ?? r.status}`;
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }),
    );
    const storm = signupPhase.result;
    const errors5xx = statuses.filter((s) => s >= 500).length;
    const waiting = await Signup.find({ shift: shift._id, status: 'waitlisted' }, { waitPos: 1 }).sort({ waitPos: 1 }).lean();
    const positions = waiting.map((s) => s.waitPos);
    const contiguous = positions.every((p, i) => p === i + 1);
    const confirmed = await Signup.countDocuments({ shift: shift._id, status: 'confirmed' });
    const shiftAfter = await Shift.findById(shift._id).lean();

    // --- 2. nearby list at 100 connections ------------------------------------------------------
    const lister = tokens[0];
    for (let i = 0; i < 60; i++) await seedActivity(team._id, now, 10, (i % 30) * 0.001);
    const listUrl = `${ctx.url}/api/activities?lng=${CENTER.lng}&lat=${CENTER.lat}&radiusKm=10&pageSize=20`;
    freshAgent();
    const probe = await request(listUrl, 'GET', undefined, lister);
    const items = (probe.json as { items?: unknown[] })?.items?.length ?? 0;
    // The load comes from a worker thread (its own event loop), for the baseline and the app alike.
    const warmup = Math.min(200, LIST_OPS);
    const bareGet = await httpLoad({ url: `${bare.url}/ping`, ops: LIST_OPS, concurrency: CONNECTIONS, warmup });
    // Warm-up requests count as ops for the per-request command count.
    const nearbyPhase = await phase('nearby', LIST_OPS + warmup, () =>
      httpLoad({ url: listUrl, headers: { authorization: lister }, ops: LIST_OPS, concurrency: CONNECTIONS, warmup }),
    );
    const listErrors = nearbyPhase.result.errors;
    const nearby = nearbyPhase.result;

    const signupRatio = ratio(storm.opsPerSec, bareStorm.opsPerSec);
    const nearbyRatio = ratio(nearby.opsPerSec, bareGet.opsPerSec);
    return {
      params: { signups: SIGNUPS, capacity: CAPACITY, listOps: LIST_OPS, connections: CONNECTIONS, responseSchemaChecks: false },
      signupStorm: {
        confirmed,
        waitlisted: waiting.length,
        waitPositionsContiguous: contiguous,
        errors5xx,
        outcomes,
        shiftCounters: { confirmedCount: shiftAfter?.confirmedCount, waitingCount: shiftAfter?.waitingCount, waitSeq: shiftAfter?.waitSeq },
        app: storm,
        bareKoaPost: bareStorm,
        dbCallsPerRequest: signupPhase.dbCommandsPerOp,
        ratio: signupRatio,
        // The same ratio from CPU time per request (steadier when other work shares the machine).
        cpuRatio: ratio(bareStorm.cpuUsPerOp, storm.cpuUsPerOp),
      },
      nearbyList: {
        items,
        errors: listErrors,
        app: nearby,
        bareKoaGet: bareGet,
        dbCallsPerRequest: nearbyPhase.dbCommandsPerOp,
        ratio: nearbyRatio,
        cpuRatio: ratio(bareGet.cpuUsPerOp, nearby.cpuUsPerOp),
      },
      targets: TARGETS,
      pass: {
        confirmedExactlyCapacity: confirmed === CAPACITY,
        waitlistedRest: waiting.length === SIGNUPS - CAPACITY && contiguous,
        no5xx: errors5xx === 0,
        signupRatio: signupRatio >= TARGETS.signupRatio,
        nearbyItems: items === 20,
        nearbyRatio: nearbyRatio >= TARGETS.nearbyRatio,
        nearbyP99: nearby.p99Ms <= TARGETS.nearbyP99Ms,
      },
      // Whether bare Koa itself, in this run and on this machine, answers within the p99 target.
      p99TargetMetByBareKoa: bareGet.p99Ms <= TARGETS.nearbyP99Ms,
    };
  } finally {
    agent.destroy();
    await bare.close();
    await ctx.close();
  }
}

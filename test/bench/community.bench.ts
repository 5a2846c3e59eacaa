/**
 * Community information (issue 14), through the real app over HTTP on the real engine:
 *
 * 1. Nearby services: GET /api/places/nearby (1,000 m, 50 nearest, open-now and walking estimate)
 *    over COMMUNITY_BENCH_PLACES points (default 10,000) spread over about 8 × 8 km;
 * 2. Law-library search: GET /api/laws?q=… (jieba keys on an indexed array, ranked in the app)
 *    over COMMUNITY_BENCH_LAWS articles (default 5,000), 2–4 character queries in rotation.
 * Both as req/s ratios to a bare-Koa GET measured in the same run, the load sent from a worker
 * thread. COMMUNITY_BENCH_OPS (default 2,000) requests per phase at 50 connections.
 */
import { Types } from 'mongoose';
import { createTestContext } from '../support';
import { Place } from '../../server/modules/community/places/model';
import { parseOpeningHours } from '../../server/modules/community/places/hours';
import { LawArticle } from '../../server/modules/community/laws/model';
import { lawDocument } from '../../server/modules/community/laws/seed';
import { STARTER_SET } from '../../server/modules/community/laws/starter-set';
import { PLACE_TYPES } from '@shared/schemas/community/places';
import { httpLoad } from './http-load';
import { ratio, startBareKoa } from './lib';

const PLACES = Number(process.env.COMMUNITY_BENCH_PLACES ?? 10_000);
const LAWS = Number(process.env.COMMUNITY_BENCH_LAWS ?? 5_000);
const OPS = Number(process.env.COMMUNITY_BENCH_OPS ?? 2_000);
const CONNECTIONS = 50;
const CENTER = { lng: 116.404, lat: 39.915 };
const QUERIES = ['离婚', '工资', '退货', '交通事故', '调解协议', '试用期'];

async function seedPlaces(): Promise<void> {
  const hours = '周一至周五 08:30-17:30；周六 09:00-12:00';
  const parsed = parseOpeningHours(hours);
  const batch: unknown[] = [];
  for (let i = 0; i < PLACES; i++) {
    // A deterministic spread over ±0.045° (about ±4 km): roughly uniform density.
    const x = ((i * 7919) % 1000) / 1000 - 0.5;
    const y = ((i * 104729) % 997) / 997 - 0.5;
    const _id = new Types.ObjectId();
    batch.push({
      _id,
      source: 'admin',
      sourceId: String(_id),
      type: PLACE_TYPES[i % PLACE_TYPES.length],
      name: `服务点${i}`,
      address: `示范路 ${i} 号`,
      location: { type: 'Point', coordinates: [CENTER.lng + x * 0.09 * 1.3, CENTER.lat + y * 0.09] },
      phone: '010-12345678',
      openingHours: hours,
      hours: parsed,
    });
    if (batch.length === 1000) await Place.insertMany(batch.splice(0));
  }
  if (batch.length) await Place.insertMany(batch);
}

async function seedLaws(): Promise<void> {
  const batch: unknown[] = [];
  for (let i = 0; i < LAWS; i++) {
    const a = STARTER_SET[i % STARTER_SET.length];
    // Variants of the starter set: the same vocabulary, different documents.
    batch.push(lawDocument({ ...a, key: `bench-${i}`, title: `${a.title}（第 ${i} 版）`, text: `${a.text}本条文第 ${i} 号释义。` }));
    if (batch.length === 500) await LawArticle.insertMany(batch.splice(0));
  }
  if (batch.length) await LawArticle.insertMany(batch);
}

export default async function run(): Promise<Record<string, unknown>> {
  const ctx = await createTestContext();
  const bare = await startBareKoa();
  try {
    const seedStart = Date.now();
    await seedPlaces();
    await seedLaws();
    const seedSeconds = Math.round((Date.now() - seedStart) / 100) / 10;
    const warmup = Math.min(200, OPS);
    const bareGet = await httpLoad({ url: `${bare.url}/ping`, ops: OPS, concurrency: CONNECTIONS, warmup });

    const nearbyUrl = `${ctx.url}/api/places/nearby?lng=${CENTER.lng}&lat=${CENTER.lat}&radius=1000`;
    const probe = (await (await fetch(nearbyUrl)).json()) as { items: unknown[] };
    const nearby = await httpLoad({ url: nearbyUrl, ops: OPS, concurrency: CONNECTIONS, warmup });

    // One query per phase run keeps the worker simple; the phases rotate through the queries.
    const perQuery = Math.max(50, Math.floor(OPS / QUERIES.length));
    const lawRuns = [];
    const hits: Record<string, number> = {};
    for (const q of QUERIES) {
      const url = `${ctx.url}/api/laws?q=${encodeURIComponent(q)}`;
      hits[q] = ((await (await fetch(url)).json()) as { total: number }).total;
      lawRuns.push(await httpLoad({ url, ops: perQuery, concurrency: CONNECTIONS, warmup: Math.min(50, perQuery) }));
    }
    const lawOps = lawRuns.reduce((n, r) => n + r.ops, 0);
    const lawMs = lawRuns.reduce((n, r) => n + r.totalMs, 0);
    const lawPerSec = Math.round((lawOps / lawMs) * 1000);
    const lawP99 = Math.max(...lawRuns.map((r) => r.p99Ms));

    return {
      params: { places: PLACES, laws: LAWS, ops: OPS, connections: CONNECTIONS, engine: ctx.deps.db.kind, seedSeconds },
      note:
        PLACES < 10_000 || LAWS < 5_000
          ? 'Measured below the issue’s 10,000 places / 5,000 articles: the shared machine was loaded (see params).'
          : 'Full sizes (10,000 places, 5,000 articles) on a shared, loaded 2-core machine: ratios matter, absolute req/s do not.',
      bareKoa: { opsPerSec: bareGet.opsPerSec, p99Ms: bareGet.p99Ms },
      nearby: {
        opsPerSec: nearby.opsPerSec,
        p50Ms: nearby.p50Ms,
        p99Ms: nearby.p99Ms,
        errors: nearby.errors,
        itemsPerAnswer: probe.items.length,
        ratioToBareKoa: ratio(nearby.opsPerSec, bareGet.opsPerSec),
      },
      lawSearch: {
        opsPerSec: lawPerSec,
        p99Ms: lawP99,
        errors: lawRuns.reduce((n, r) => n + r.errors, 0),
        matchesPerQuery: hits,
        ratioToBareKoa: ratio(lawPerSec, bareGet.opsPerSec),
      },
    };
  } finally {
    await bare.close();
    await ctx.close();
  }
}

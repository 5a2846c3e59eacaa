/**
 * `npm run seed:scale -- --teams 3163 --volunteers 250000 --hours 6250000 [--fraction 0.01]`
 *
 * Fills the database `npm start` uses (MONGODB_URI, else the embedded engine under LINLI_DATA_DIR;
 * LINLI_SCALE_DB names another database) with a district of that size (server/demo/scale.ts).
 * `--fraction f` scales the three numbers (1/1000 of the seed district: `--fraction 0.001`).
 * Run it on an empty database: it adds, it does not replace.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config/env';
import { ensureIndexes, openDatabase } from '../db';
import { SEED_SCALE, seedScale } from './scale';

function arg(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const n = Number(process.argv[i + 1]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number`);
  return n;
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const fraction = arg('fraction') ?? 1;
  const size = (k: keyof typeof SEED_SCALE) => Math.max(1, Math.round((arg(k) ?? SEED_SCALE[k]) * fraction));
  const root = path.resolve(__dirname, '..', '..');
  if (!config.MONGODB_URI) mkdirSync(path.resolve(root, config.LINLI_DATA_DIR), { recursive: true });
  const db = await openDatabase({
    mongodbUri: config.MONGODB_URI,
    dbPath: config.MONGODB_URI ? undefined : path.resolve(root, config.LINLI_DATA_DIR),
    dbName: process.env.LINLI_SCALE_DB ?? (config.MONGODB_URI ? undefined : 'linli'),
  });
  try {
    await ensureIndexes();
    const summary = await seedScale({
      teams: size('teams'),
      volunteers: size('volunteers'),
      hours: size('hours'),
      now: new Date(),
      encKey: config.LINLI_ID_ENC_KEY,
      hashKey: config.LINLI_ID_HASH_KEY,
      log: (line) => process.stdout.write(`  ${line}\n`),
    });
    const { sample, ...facts } = summary;
    process.stdout.write(`${JSON.stringify({ ...facts, sampleTeams: sample.teamIds.length }, null, 2)}\n`);
  } finally {
    await db.close();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`);
  process.exit(1);
});

/**
 * `npm run check:invariants`: lists every violated invariant (schedule claims ↔ active signups,
 * shift counters ↔ signup rows, hours totals ↔ ledger, team member counts ↔ memberships, outbox
 * events delivered or dead-lettered) and exits 1 when there is any.
 *
 * Runs against MONGODB_URI, or else the embedded engine's data dir (LINLI_DATA_DIR, default
 * ./data; the server must be stopped, the engine locks its dir). Options:
 *   --data-dir <dir>             another embedded data dir
 *   --outbox-grace-seconds <n>   how long an event may stay pending before it counts (default 60)
 *   --repair                     also repair what it finds (only when nothing else writes: the
 *                                embedded engine, or a stopped deployment)
 *   --json                       print the violations as JSON
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { loadConfig } from '../config/env';
import { openDatabase } from '../server/db';
import { createLogger } from '../server/logger';
import { checkInvariants, registerInvariants, repairInvariants } from '../server/platform/invariants';
import { outboxInvariant } from '../server/platform/outbox/invariant';
// Loading the module list registers every module's invariants (their facades export them).
import '../server/modules';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '..');
  const envFile = path.join(root, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const config = loadConfig({ ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' });
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const dataDir = path.resolve(root, arg('--data-dir') ?? config.LINLI_DATA_DIR);
  const graceS = Number(arg('--outbox-grace-seconds') ?? 60);
  registerInvariants([outboxInvariant(graceS * 1000)]);
  const db = await openDatabase(
    config.MONGODB_URI ? { mongodbUri: config.MONGODB_URI, logger } : { dbPath: dataDir, dbName: 'linli', logger },
  );
  try {
    if (process.argv.includes('--repair')) {
      const fixed = await repairInvariants({ logger }, { graceMs: 0, scope: 'all' });
      process.stdout.write(`repaired ${fixed} violation(s)\n`);
    }
    const violations = await checkInvariants('all');
    if (process.argv.includes('--json')) {
      process.stdout.write(`${JSON.stringify(violations.map(({ fix: _fix, ...v }) => v), null, 2)}\n`);
    } else {
      for (const v of violations) process.stdout.write(`✗ [${v.invariant}] ${v.message}\n`);
      process.stdout.write(violations.length === 0 ? '✓ every invariant holds\n' : `${violations.length} violation(s)\n`);
    }
    return violations.length === 0 ? 0 : 1;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`check:invariants failed: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(2);
  },
);

/**
 * Agenda 6 with its MongoDB backend runs jobs against the engine: createIndex, locking
 * findOneAndUpdate with sort, upserts for recurring jobs. Agenda is ESM-only, so the scenario runs
 * in a child Node process (agenda-runner.mjs) talking to the engine over the wire.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { openTestDb, type TestDb } from '../test-support';

let t: TestDb;

beforeAll(async () => {
  t = await openTestDb('agenda');
});
afterAll(() => t.cleanup());

function runScenario(): Promise<{ seen: string[]; indexes: string[]; ticks: number; finished: number }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(__dirname, 'agenda-runner.mjs'), t.uri, t.dbName], { timeout: 20_000 }, (e, stdout, stderr) => {
      if (e) reject(new Error(`${e.message}\n${stdout}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!));
    });
  });
}

describe('when Agenda schedules jobs', () => {
  it('creates its index, locks and runs each job once, and keeps one recurring job', async () => {
    const r = await runScenario();
    expect(r.seen).toEqual(['ann', 'bo']);
    expect(r.indexes).toContain('findAndLockNextJobIndex');
    expect(r.ticks).toBe(1);
    expect(r.finished).toBe(2);
  }, 25_000);
});

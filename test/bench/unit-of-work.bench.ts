/**
 * The cost of the unit of work (issue 8), measured against the same writes without it, in the
 * same run on the real engine:
 *
 * 1. Signup rows of a flash crowd: `insertSignup` (the signup path's per-turn batch, now one
 *    transaction with each row's outbox event) vs the same rows as the plain unordered
 *    insertMany the path used before, in batches of the same size, without events.
 * 2. A small command (two guarded updates on two documents and one event, like a cancel): in
 *    `inUnitOfWork` vs the two updates alone.
 *
 * The end-to-end effect on the signup flash crowd (exact outcomes, req/s vs bare Koa) is in
 * volunteering.bench.ts. UOW_BENCH_OPS shrinks it for a quick run.
 */
import mongoose, { Types } from 'mongoose';
import { createTestContext } from '../support';
import { inUnitOfWork } from '../../server/platform/unit-of-work';
import { Signup, type SignupDoc } from '../../server/modules/volunteering/signups/model';
import { insertSignup } from '../../server/modules/volunteering/signups/commands/insert';
import { measure, runOps } from './lib';

const OPS = Number(process.env.UOW_BENCH_OPS ?? 2_000);
const BATCH = 100;
const COMMANDS = Math.max(100, Math.floor(OPS / 4));

const row = (shift: Types.ObjectId): Omit<SignupDoc, '_id' | 'createdAt' | 'updatedAt' | 'autoCheckedOut'> => {
  const user = new Types.ObjectId();
  const start = new Date(Date.now() + 72 * 3600_000);
  return {
    shift,
    activity: new Types.ObjectId(),
    team: new Types.ObjectId(),
    user,
    status: 'waitlisted',
    activeKey: `${String(shift)}:${String(user)}`,
    start,
    end: new Date(start.getTime() + 3 * 3600_000),
    note: '',
  } as Omit<SignupDoc, '_id' | 'createdAt' | 'updatedAt' | 'autoCheckedOut'>;
};

export default async function run(): Promise<Record<string, unknown>> {
  const ctx = await createTestContext();
  try {
    const shift = new Types.ObjectId();
    // 1. Signup rows: BATCH arrivals per turn, as in the flash crowd.
    const plain = await runOps(OPS / BATCH, 1, async () => {
      const docs = Array.from({ length: BATCH }, () => ({ _id: new Types.ObjectId(), ...row(shift), autoCheckedOut: false, createdAt: new Date(), updatedAt: new Date() }));
      await Signup.collection.insertMany(docs as never[], { ordered: false });
    });
    const withEvents = await runOps(OPS / BATCH, 1, async () => {
      await Promise.all(
        Array.from({ length: BATCH }, () =>
          insertSignup(ctx.deps, row(shift) as never, (s) => [
            { type: 'signup.waitlisted', aggregate: `signup:${String(s._id)}`, payload: { signupId: String(s._id) } },
          ]),
        ),
      );
    });

    // 2. A two-document command with one event.
    const docs = mongoose.connection.collection('bench_uow_docs');
    const ids = Array.from({ length: 40 }, () => new Types.ObjectId());
    await docs.insertMany(ids.map((_id) => ({ _id, n: 0 })));
    const Doc =
      (mongoose.models.BenchUowDoc as mongoose.Model<{ n: number }> | undefined) ??
      mongoose.model('BenchUowDoc', new mongoose.Schema({ n: Number }), 'bench_uow_docs');
    const twoWrites = async (i: number) => {
      await Doc.updateOne({ _id: ids[(2 * i) % ids.length], n: { $gte: 0 } }, { $inc: { n: 1 } });
      await Doc.updateOne({ _id: ids[(2 * i + 1) % ids.length], n: { $gte: 0 } }, { $inc: { n: 1 } });
    };
    const commandPlain = await measure(COMMANDS, 8, twoWrites, 50);
    const commandUow = await measure(
      COMMANDS,
      8,
      (i) =>
        inUnitOfWork(ctx.deps, async (uow) => {
          await twoWrites(i);
          uow.emit({ type: 'bench.done', aggregate: `bench:${i % 8}`, payload: { i } });
        }),
      50,
    );

    const ratio = (a: number, b: number) => Number((a / b).toFixed(3));
    return {
      params: { rows: OPS, batch: BATCH, commands: COMMANDS, commandConcurrency: 8 },
      signupRows: {
        plainInsertMany: { ...plain, rowsPerSec: Math.round((OPS / plain.totalMs) * 1000) },
        transactionWithEvents: { ...withEvents, rowsPerSec: Math.round((OPS / withEvents.totalMs) * 1000) },
        throughputRatio: ratio(plain.totalMs, withEvents.totalMs),
      },
      command: {
        plainWrites: commandPlain,
        unitOfWork: commandUow,
        throughputRatio: ratio(commandUow.opsPerSec, commandPlain.opsPerSec),
        cpuRatio: ratio(commandPlain.cpuUsPerOp, commandUow.cpuUsPerOp),
      },
      note: 'throughputRatio = with the unit of work ÷ without (1 = free). Absolute numbers depend on machine load; compare the pair.',
    };
  } finally {
    await ctx.close();
  }
}

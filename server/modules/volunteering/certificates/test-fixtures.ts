/** Shared by the certificate tests: confirmed (or pending) hours on the ledger, and a PDF download. */
import { Types } from 'mongoose';
import type { TestContext } from '../../../../test/support';
import { recordHoursEntry } from '../hours';

export async function serveHours(
  userId: string,
  team: Types.ObjectId,
  title: string,
  minutes: number,
  status: 'confirmed' | 'pending' = 'confirmed',
): Promise<void> {
  const activity = new Types.ObjectId();
  await recordHoursEntry({
    user: new Types.ObjectId(userId),
    team,
    activity,
    shift: null,
    signup: null,
    activityTitle: title,
    serviceDate: new Date('2026-03-08T01:00:00Z'),
    minutes,
    source: 'checkin',
    status,
    dedupeKey: `test:${activity.toHexString()}`,
    createdBy: null,
    at: new Date(),
  });
}

/** GET a PDF with its bytes as the body. */
export const downloadPdf = (ctx: TestContext, path: string, auth: string) =>
  ctx.http
    .get(path)
    .set('Authorization', auth)
    .buffer(true)
    .parse((res, cb) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => cb(null, Buffer.concat(parts)));
    });

import mongoose, { Schema, Types, type Model } from 'mongoose';
import { appLinks } from '@shared/links';
import type { AppDeps } from '../../../deps';
import { notify } from '../../notifications';
import { alertSubscribers } from '../residents';

/** Users per page of an urgent alert's fan-out; progress is saved after each page. */
export const FANOUT_BATCH = 200;
/** Sends in flight within a page (each is a few small writes). */
const PARALLEL = 10;

/**
 * The progress of one urgent alert's push to its subscribers: the last user id sent to (pages go
 * in user id order) and how many were sent. A crash or a failed send leaves it part-way; the
 * outbox redelivers `notice.published` and the fan-out resumes after `after`. Users of the page
 * in flight may be sent to again: notify's dedupe key per notice and user makes that a no-op.
 */
export interface AlertFanoutDoc {
  _id: Types.ObjectId;
  notice: Types.ObjectId;
  after: Types.ObjectId | null;
  sent: number;
  done: boolean;
  startedAt: Date;
  updatedAt: Date;
}
const AlertFanoutSchema = new Schema<AlertFanoutDoc>(
  {
    notice: { type: Schema.Types.ObjectId, required: true },
    after: { type: Schema.Types.ObjectId, default: null },
    sent: { type: Number, default: 0 },
    done: { type: Boolean, default: false },
    startedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'notice_alert_fanouts' },
);
AlertFanoutSchema.index({ notice: 1 }, { unique: true });
AlertFanoutSchema.index({ done: 1, updatedAt: 1 });

export const AlertFanout: Model<AlertFanoutDoc> =
  (mongoose.models.CommunityAlertFanout as Model<AlertFanoutDoc> | undefined) ?? mongoose.model<AlertFanoutDoc>('CommunityAlertFanout', AlertFanoutSchema);

/** Subscribe-message fields are short: WeChat cuts `thing` values at 20 characters. */
const thing = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s);

export interface AlertPayload {
  id: string;
  title: string;
  communityIds: string[];
  /** When it was published (the event's time). */
  at: Date;
}

/**
 * Pushes an urgent alert to every subscriber of its audience, page by page, saving the position
 * after each page. `afterPage` lets a test stop it part-way, as a crash would.
 */
export async function runAlertFanout(
  deps: AppDeps,
  alert: AlertPayload,
  opts: { batchSize?: number; afterPage?: (sentSoFar: number) => void } = {},
): Promise<AlertFanoutDoc> {
  const notice = new Types.ObjectId(alert.id);
  const now = deps.now();
  let state = (await AlertFanout.findOneAndUpdate(
    { notice },
    { $setOnInsert: { notice, after: null, sent: 0, done: false, startedAt: now, updatedAt: now } },
    { upsert: true, returnDocument: 'after' },
  ).lean<AlertFanoutDoc>())!;
  // Shown in Asia/Shanghai (UTC+8, no DST).
  const time = new Date(alert.at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  const limit = opts.batchSize ?? FANOUT_BATCH;
  while (!state.done) {
    const users = await alertSubscribers(alert.communityIds, { after: state.after ? String(state.after) : null, limit });
    for (let i = 0; i < users.length; i += PARALLEL) {
      await Promise.all(
        users.slice(i, i + PARALLEL).map((user) =>
          notify(deps, user, {
            title: `紧急提醒：${alert.title}`,
            body: '请点击查看详情并注意安全。',
            link: appLinks.notice(alert.id),
            templateKey: 'communityAlert',
            data: { thing1: thing(alert.title), time2: time },
            dedupeKey: `community_alert:${alert.id}:${user}`,
          }),
        ),
      );
    }
    const last = users[users.length - 1];
    // Guarded on the position read: two deliveries of the same event cannot both advance it.
    const next = await AlertFanout.findOneAndUpdate(
      { _id: state._id, after: state.after },
      {
        $set: { after: last ? new Types.ObjectId(last) : state.after, done: users.length < limit, updatedAt: deps.now() },
        $inc: { sent: users.length },
      },
      { returnDocument: 'after' },
    ).lean<AlertFanoutDoc>();
    state = next ?? (await AlertFanout.findById(state._id).lean<AlertFanoutDoc>())!;
    opts.afterPage?.(state.sent);
  }
  return state;
}

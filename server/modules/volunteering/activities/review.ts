import { Shift, Activity, type ActivityDoc, type ShiftDoc } from './model';
import { heldInCollection, type ReviewItem, type ReviewKind } from '../../review';
import { shanghaiTime } from '../../../platform/time';
import { HELD_FILTER, heldVersionOf, moderateActivity } from './commands/moderate';
import { presentActivityDetail } from './presenter';

/** WeChat's image check of an outside cover, as the moderator reads it. */
const COVER_CHECK_LABELS = { pending: '检测中', pass: '未发现问题', review: '需人工判断', risky: '违规，已移除' } as const;

function item(a: ActivityDoc): ReviewItem {
  const held = a.heldEdit?.at ? a.heldEdit : undefined;
  const cover = held?.coverUrl ?? a.coverUrl;
  const previous = held
    ? [held.title !== undefined ? `标题：${a.title}` : '', held.description !== undefined ? `介绍：${a.description}` : '']
        .filter(Boolean)
        .join('\n') || null
    : null;
  const check = a.coverTraceId ? COVER_CHECK_LABELS[a.coverCheck ?? 'pending'] : null;
  return {
    id: String(a._id),
    version: heldVersionOf(a),
    state: held ? '活动修改' : '新活动',
    title: held?.title ?? a.title,
    text: held?.description ?? a.description,
    previous,
    images: cover ? [{ url: cover, label: check ? `封面（图片检测：${check}）` : '封面' }] : [],
    // Activities are published in the team's name.
    author: { nameMasked: a.teamName },
    context: [
      { label: '团队', value: a.teamName },
      { label: '活动时间', value: shanghaiTime(a.startsAt) },
      { label: '地点', value: a.address },
      ...(check ? [{ label: '封面图片检测', value: check }] : []),
    ],
    heldAt: held?.at ?? a.createdAt,
  };
}

/** New activities and edits the content check (text or cover) held for the district. */
export const activityReviewKind: ReviewKind = {
  name: 'activity',
  label: '活动',
  approvedHint: '已通过，内容已公开',
  ...heldInCollection(Activity, HELD_FILTER, { createdAt: 1, _id: 1 }, (rows) => rows.map(item)),
  async decide(deps, actor, id, decision) {
    const r = await moderateActivity(deps, actor, id, decision);
    if (!('activity' in r)) return r;
    const shifts = await Shift.find({ activity: r.activity._id }).lean<ShiftDoc[]>();
    const { activity, ...applied } = r;
    return { ...applied, result: { activity: presentActivityDetail(activity, shifts, true) } };
  },
};

/**
 * What donations send to the district's 内容审核 queue: a project's story and cover before it is
 * published, and a donor's message the content check could not pass on its own.
 */
import { Types } from 'mongoose';
import { appLinks } from '@shared/links';
import { heldContentKind } from '../review';
import { applyProjectReview, PROJECT_REVIEW_KIND } from './commands/manage-project';
import { DonationOrder, LedgerEntry } from './model';

export const MESSAGE_REVIEW_KIND = 'donation-message';

export const projectReviewKind = heldContentKind({
  name: PROJECT_REVIEW_KIND,
  label: '公益项目',
  approvedHint: '通过后项目公开募捐',
  targetType: 'charity_project',
  async apply(deps, _actor, hold, d) {
    const p = await applyProjectReview(deps, hold.ref, d.decision === 'approve', d.reason);
    if (!p) return { result: {} };
    return {
      result: { status: p.status },
      tell: {
        users: [String(p.createdBy)],
        title: d.decision === 'approve' ? '公益项目已发布' : '公益项目未通过审核',
        body: d.decision === 'approve' ? `「${p.title}」已开始募捐。` : `「${p.title}」：${d.reason}`,
        link: appLinks.charityProject(hold.ref),
      },
    };
  },
});

export const messageReviewKind = heldContentKind({
  name: MESSAGE_REVIEW_KIND,
  label: '捐赠留言',
  approvedHint: '通过后留言显示在公开账目中',
  targetType: 'donation',
  async apply(_deps, _actor, hold, d) {
    if (d.decision !== 'approve') return { result: { visible: false } };
    const order = await DonationOrder.findOneAndUpdate({ _id: new Types.ObjectId(hold.ref) }, { $set: { messageVisible: true } }, { returnDocument: 'after' }).lean();
    // A paid donation's ledger line shows the message from now on.
    if (order?.transactionId) await LedgerEntry.updateOne({ key: `tx:${order.transactionId}` }, { $set: { message: order.message } });
    return { result: { visible: true } };
  },
});

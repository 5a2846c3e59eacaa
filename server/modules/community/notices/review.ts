import { appLinks } from '@shared/links';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { heldContentKind } from '../../review';
import { emitPublished, NOTICE_REVIEW_KIND } from './commands/publish-notice';
import { Notice, type NoticeDoc } from './model';

/**
 * Notices held by the staff keyword list wait in the district's 内容审核 queue. Approving
 * publishes the notice (and pushes it when urgent); rejecting tells its author why.
 */
export const noticeReviewKind = heldContentKind({
  name: NOTICE_REVIEW_KIND,
  label: '社区公告',
  approvedHint: '已通过，公告已发布',
  targetType: 'notice',
  apply: async (deps, _actor, hold, d) => {
    const approve = d.decision === 'approve';
    const notice = await inUnitOfWork(deps, async (uow) => {
      const n = await Notice.findOneAndUpdate(
        { _id: hold.ref, status: 'pending_review' },
        { $set: approve ? { status: 'published', publishedAt: deps.now() } : { status: 'rejected' } },
        { returnDocument: 'after' },
      ).lean<NoticeDoc>();
      if (n && approve) emitPublished(uow, n);
      return n;
    });
    return {
      result: { published: approve && notice !== null },
      tell:
        !approve && hold.author
          ? { users: [String(hold.author)], title: '公告未通过审核', body: `原因：${d.reason}`, link: appLinks.notice(hold.ref) }
          : undefined,
    };
  },
});

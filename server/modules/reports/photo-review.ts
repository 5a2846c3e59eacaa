/**
 * A report photo WeChat's image check calls risky (or wants a human for) is reported to staff:
 * `report.photo_flagged` (aggregate `report:<id>`) is emitted with the verdict — when the verdict
 * lands on a submitted report, or when a report is submitted with a photo already flagged — and
 * carries the dispatchers' inbox notices; the `reports.photo-review` subscriber holds the photo
 * in the district's one 内容审核 queue (kind `report-photo`). Approving shows it on the report;
 * rejecting keeps it hidden for good. Until then it stays out of public views (heldPhotos).
 */
import { Types } from 'mongoose';
import { appLinks } from '@shared/links';
import type { AppDeps } from '../../deps';
import type { NewEvent } from '../../platform/outbox/event';
import type { Subscriber } from '../../platform/outbox/registry';
import type { Notice } from '../notifications';
import { heldContentKind, holdForReview } from '../review';
import { Report, ReportPhoto, type ReportDoc, type TPhotoCheck } from './model';
import { photoUrl } from './presenter';
import { findReport, staffWithRole } from './queries';

export const PHOTO_FLAGGED = 'report.photo_flagged';
const KIND = 'report-photo';
const VERDICT_LABEL: Record<string, string> = { risky: '违规风险', review: '疑似违规，需人工审核' };

type Flagged = { _id: Types.ObjectId; check: TPhotoCheck };

/** The events for the flagged photos of a report (none when every photo passed or is still checking). */
export async function photoFlaggedEvents(report: Pick<ReportDoc, '_id' | 'categoryLabel'>, photos: readonly Flagged[]): Promise<NewEvent[]> {
  const flagged = photos.filter((p) => p.check === 'risky' || p.check === 'review');
  if (!flagged.length) return [];
  const dispatchers = await staffWithRole('dispatcher');
  const id = String(report._id);
  return flagged.map((p) => ({
    type: PHOTO_FLAGGED,
    aggregate: `report:${id}`,
    payload: {
      reportId: id,
      photoId: String(p._id),
      verdict: p.check,
      notices: dispatchers.map(
        (user): Notice => ({
          user,
          title: '随手拍照片未通过内容检测',
          body: `「${report.categoryLabel}」工单的一张照片被检测为${VERDICT_LABEL[p.check]}，已对公众隐藏并送内容审核。`,
          link: appLinks.report(id),
          dedupeKey: `report-photo:${String(p._id)}:${user}`,
        }),
      ),
    },
  }));
}

export const photoReviewSubscribers: Subscriber[] = [
  {
    name: 'reports.photo-review',
    events: [PHOTO_FLAGGED],
    handle: async (event, deps) => {
      const { reportId, photoId, verdict } = event.payload as { reportId: string; photoId: string; verdict: string };
      const report = await findReport(reportId);
      const photo = await ReportPhoto.findById(photoId, { check: 1, fetchKey: 1 }).lean();
      // Decided meanwhile (or the report is gone): nothing to hold.
      if (!report || !photo || (photo.check !== 'risky' && photo.check !== 'review')) return;
      await holdForReview(deps, {
        kind: KIND,
        ref: photoId,
        title: `随手拍照片：${report.categoryLabel}`,
        text: report.description,
        // Keyed as for WeChat's checker: the moderation page shows it with an <Image>, which sends no token.
        images: [{ url: `${photoUrl(photoId)}${photo.fetchKey ? `?k=${photo.fetchKey}` : ''}`, label: VERDICT_LABEL[verdict] ?? verdict }],
        author: { userId: report.reporter ? String(report.reporter) : undefined, nameMasked: report.anonymous ? '匿名' : '居民' },
        context: [
          { label: '工单', value: reportId },
          { label: '微信检测', value: VERDICT_LABEL[verdict] ?? verdict },
          { label: '地址', value: report.address },
        ],
        payload: { reportId },
      });
    },
  },
];

/**
 * The queue's decision: approve shows the photo on its report, reject keeps it hidden for good and
 * tells the reporter why (the report itself goes on being handled; only the photo stays private).
 */
export const reportPhotoReviewKind = heldContentKind({
  name: KIND,
  label: '随手拍照片',
  approvedHint: '照片已在工单上公开显示',
  targetType: 'report_photo',
  apply: async (deps: AppDeps, _actor, hold, d) => {
    const photoId = new Types.ObjectId(hold.ref);
    const reportId = String(hold.payload?.reportId ?? '');
    const approve = d.decision === 'approve';
    if (approve) {
      await ReportPhoto.updateOne({ _id: photoId }, { $set: { check: 'pass' } });
      if (reportId) await Report.updateOne({ _id: new Types.ObjectId(reportId) }, { $pull: { heldPhotos: photoId } }, { timestamps: false });
    } else await ReportPhoto.updateOne({ _id: photoId }, { $set: { check: 'risky' } });
    void deps;
    const report = !approve && reportId ? await findReport(reportId) : null;
    return {
      result: { photoId: hold.ref, reportId, shown: approve },
      tell:
        report && hold.author
          ? {
              users: [String(hold.author)],
              title: '随手拍照片未通过审核',
              body: `您在「${report.categoryLabel}」工单中上传的一张照片不会公开显示。原因：${d.reason}。工单仍照常处理。`,
              link: appLinks.report(reportId),
            }
          : undefined,
    };
  },
});

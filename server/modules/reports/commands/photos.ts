import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Types } from 'mongoose';
import type { AppDeps } from '../../../deps';
import { processImage, writeImageFiles } from '../../../platform/uploads';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { WechatError } from '../../../wechat';
import { photoFlaggedEvents } from '../photo-review';
import { Report, ReportPhoto, type ReportPhotoDoc, type TPhotoCheck } from '../model';
import { photoUrl } from '../presenter';
import { userOpenid } from '../queries';

export const reportPhotosDir = (deps: AppDeps): string => path.resolve(deps.config.LINLI_DATA_DIR, 'uploads', 'reports');

/**
 * Stores a report photo through the one image pipeline (platform/uploads: decoded and re-encoded,
 * so no GPS position or device data is kept) and sends it to WeChat's asynchronous image check
 * (media_check_async, like the gallery), through a keyed URL its checker can fetch. Until the
 * verdict it is `checking`: the uploader and staff see it, the public does not. Without an openid
 * (a staff upload, attributable) there is nothing to check; WeChat unreachable leaves it held.
 */
export async function uploadReportPhoto(deps: AppDeps, input: { userId: string; body: Buffer }): Promise<ReportPhotoDoc> {
  const image = await processImage(input.body);
  const id = new Types.ObjectId();
  const stored = await writeImageFiles(reportPhotosDir(deps), `${id.toHexString().slice(-2)}/${String(id)}`, image);
  const openid = await userOpenid(input.userId);
  const fetchKey = randomBytes(16).toString('hex');
  let check: TPhotoCheck = openid ? 'checking' : 'pass';
  let traceId: string | undefined;
  if (openid) {
    const mediaUrl = `${deps.config.PUBLIC_BASE_URL.replace(/\/$/, '')}${photoUrl(id)}?k=${fetchKey}`;
    try {
      traceId = (await deps.wechat.mediaCheckAsync({ openid, mediaUrl, mediaType: 'image', scene: 3 })).traceId;
    } catch (err) {
      if (!(err instanceof WechatError)) throw err;
      deps.logger.warn({ err, kind: err.kind }, 'media_check_async unavailable: report photo held from public view');
      check = 'checking';
    }
  }
  const doc = await ReportPhoto.create({
    _id: id,
    uploader: new Types.ObjectId(input.userId),
    report: null,
    check,
    traceId,
    fetchKey,
    ...stored,
    mime: image.mime,
    bytes: image.data.length,
    createdAt: deps.now(),
  });
  return doc.toObject<ReportPhotoDoc>();
}

/**
 * Of these photos, those the public may not see yet (not passed by the image check), with their
 * check: the flagged ones (risky, review) are reported to staff (../photo-review.ts).
 */
export async function heldOf(ids: readonly Types.ObjectId[]): Promise<{ _id: Types.ObjectId; check: TPhotoCheck }[]> {
  if (!ids.length) return [];
  return ReportPhoto.find({ _id: { $in: [...ids] }, check: { $ne: 'pass' } }, { _id: 1, check: 1 }).lean<{ _id: Types.ObjectId; check: TPhotoCheck }[]>();
}

/**
 * Applies WeChat's verdict (from the wechat-push module) to the report photo sent with `traceId`:
 * only a photo still `checking` moves; pass → shown on its report, risky → stays hidden for
 * good, review → left held. A risky or review verdict on a submitted report is reported to staff
 * (`report.photo_flagged`, in the same unit of work as the verdict). `unknown_trace`: not a
 * report photo.
 */
export async function applyReportPhotoVerdict(
  traceId: string,
  suggest: 'pass' | 'review' | 'risky',
  deps?: AppDeps,
): Promise<'applied' | 'already_applied' | 'left_for_review' | 'unknown_trace'> {
  const moved = await inUnitOfWork(deps, async (uow) => {
    const photo = await ReportPhoto.findOneAndUpdate({ traceId, check: 'checking' }, { $set: { check: suggest } }, { returnDocument: 'after' }).lean();
    if (!photo) return false;
    if (suggest === 'pass' && photo.report) await Report.updateOne({ _id: photo.report }, { $pull: { heldPhotos: photo._id } }, { timestamps: false });
    const report = suggest !== 'pass' && photo.report ? await Report.findById(photo.report, { categoryLabel: 1 }).lean() : null;
    if (report) for (const e of await photoFlaggedEvents(report, [photo])) uow.emit(e);
    return true;
  });
  if (!moved) return (await ReportPhoto.exists({ traceId })) ? 'already_applied' : 'unknown_trace';
  return suggest === 'review' ? 'left_for_review' : 'applied';
}

import { Types } from 'mongoose';
import type { TPagination } from '@shared/schemas/common';
import { findPage } from '../../../platform/paging';
import { CoverImage, Photo, type CoverImageDoc, type PhotoDoc } from './model';

/** Read paths of the gallery (no writes). */

export const findPhoto = (id: string): Promise<PhotoDoc | null> => Photo.findById(id).lean<PhotoDoc>().exec();

export const findCover = (id: string): Promise<CoverImageDoc | null> => CoverImage.findById(id).lean<CoverImageDoc>().exec();

/**
 * An activity's photos, latest first: the visible ones for everyone, plus (for an uploader)
 * their own photos still being checked or hidden; a manager of the activity sees them all.
 */
export async function activityPhotos(
  activity: Types.ObjectId,
  viewer: { userId: string | null; manager: boolean },
  page: TPagination,
): Promise<{ items: PhotoDoc[]; total: number }> {
  const filter: Record<string, unknown> = { activity };
  if (!viewer.manager) {
    filter.$or = [
      { status: 'visible' },
      // Uploaders follow their own photos through the check: 审核中, then 已通过 or 未通过.
      ...(viewer.userId ? [{ uploader: new Types.ObjectId(viewer.userId), status: { $in: ['checking', 'hidden'] } }] : []),
    ];
  }
  return findPage<PhotoDoc>(Photo, filter, { createdAt: -1, _id: -1 }, page);
}

/** The first visible photo of an activity (the share card's picture when there is no cover). */
export const firstVisiblePhoto = (activity: Types.ObjectId): Promise<PhotoDoc | null> =>
  Photo.findOne({ activity, status: 'visible' }).sort({ createdAt: 1 }).lean<PhotoDoc>().exec();

/** Whether a gallery photo was sent to the content check under this trace id. */
export async function hasPhotoWithTrace(traceId: string): Promise<boolean> {
  return (await Photo.exists({ traceId })) !== null;
}

/** Whether the photo is one of the team's, visible in its gallery (so usable as a cover without another check). */
export async function isVisibleTeamPhoto(photoId: string, teamId: Types.ObjectId | string): Promise<boolean> {
  return (await Photo.exists({ _id: new Types.ObjectId(photoId), team: new Types.ObjectId(String(teamId)), status: 'visible' })) !== null;
}

import type { TPhotoDto } from '@shared/schemas/volunteering/gallery';
import type { PhotoDoc } from './model';

export const presentPhoto = (p: PhotoDoc): TPhotoDto => ({
  id: String(p._id),
  activityId: String(p.activity),
  uploaderId: String(p.uploader),
  url: `/api/gallery/photos/${String(p._id)}/file`,
  thumbUrl: p.thumbFile ? `/api/gallery/photos/${String(p._id)}/file?size=thumb` : `/api/gallery/photos/${String(p._id)}/file`,
  mime: p.mime,
  bytes: p.bytes,
  status: p.status,
  hiddenReason: p.status === 'hidden' ? (p.hiddenReason ?? null) : null,
  createdAt: p.createdAt.toISOString(),
});

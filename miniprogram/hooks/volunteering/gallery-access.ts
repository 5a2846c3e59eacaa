import type { TActivityDetailDto } from '@shared/schemas/volunteering/activities';
import type { TSignupDto } from '@shared/schemas/volunteering/signups';

/**
 * Who may add photos (the server decides the same): a confirmed place, and a check-in
 * when the activity uses on-site check-in. Team admins always may (handled by the caller).
 */
export function galleryAccess(
  a: Pick<TActivityDetailDto, 'checkinRequired'>,
  mine: TSignupDto[],
): { canUpload: boolean; uploadHint: string | null } {
  const confirmed = mine.filter((s) => s.status === 'confirmed');
  if (confirmed.some((s) => !a.checkinRequired || s.checkinAt)) return { canUpload: true, uploadHint: null };
  if (confirmed.length) return { canUpload: false, uploadHint: '现场签到后可上传活动照片' };
  return { canUpload: false, uploadHint: null };
}

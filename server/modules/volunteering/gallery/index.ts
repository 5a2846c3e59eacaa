import { defineModule } from '../../../platform/module';
import { routes } from './routes';

/** Volunteering · Activity photos: upload (re-encoded without metadata), review, delete. */
export const galleryModule = defineModule({ name: 'volunteering/gallery', routes: (deps) => routes(deps) });

// The facade: what other modules may use.
export { applyMediaCheckResult, galleryDir, removePhotoFiles } from './commands/upload-photo';
export { Photo, type PhotoDoc } from './model';
export { hasPhotoWithTrace, isVisibleTeamPhoto } from './queries';
export { hidePhotosOf, photosExportOf } from './privacy';
// For other modules' uploads (the certificate seal, issue 16).
export { readUploadBody } from '../../../platform/uploads';

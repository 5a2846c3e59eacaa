/**
 * Uploads, for every module: images go through one pipeline (decode, orient, re-encode without
 * metadata, 2,048 px cap, 480 px WebP thumbnail, pixel limit); other attachments are sniffed,
 * size-limited and kept private. Read the request body with the module's own size limit first.
 */
export {
  IMAGE_LIMITS,
  processImage,
  sniffImageType,
  writeImageFiles,
  type EncodedImage,
  type ImageType,
  type ProcessedImage,
} from './images';
export {
  intakeAttachment,
  removePrivateFile,
  sendPrivateFile,
  storePrivateFile,
  type Attachment,
  type AttachmentType,
} from './attachments';
export { storedImageSchemaFields, type StoredImageFields } from './stored-image';
export { readRawBody, readUpload, readUploadBody, type ReadBodyResult } from './read-body';

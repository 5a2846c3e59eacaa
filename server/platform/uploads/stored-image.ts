/**
 * The fields every stored upload of an image keeps (gallery photos, covers, and later report and
 * notice photos): one definition for the document type and its mongoose schema fields.
 */
export interface StoredImageFields {
  file: string;
  /** 480 px WebP for lists (`?size=thumb`); absent for images stored before thumbnails existed. */
  thumbFile?: string;
  mime: string;
  bytes: number;
}

export const storedImageSchemaFields = {
  file: { type: String, required: true },
  thumbFile: { type: String },
  mime: { type: String, required: true },
  bytes: { type: Number, required: true },
} as const;

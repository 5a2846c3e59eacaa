import { Types } from 'mongoose';
import type { AppDeps } from '../../../../deps';
import { writeImageFiles, type ProcessedImage } from '../../../../platform/uploads';
import { coversDir } from '../covers';
import { CoverImage } from '../model';

/** Writes an uploaded cover's files (re-encoded image and thumbnail) and its record. */
export async function storeCover(
  deps: AppDeps,
  input: { teamId: string; uploaderId: string; image: ProcessedImage },
): Promise<{ outcome: 'stored'; id: Types.ObjectId }> {
  const id = new Types.ObjectId();
  const { image } = input;
  const stored = await writeImageFiles(coversDir(deps), `${input.teamId}/${String(id)}`, image);
  await CoverImage.create({
    _id: id,
    team: new Types.ObjectId(input.teamId),
    uploader: new Types.ObjectId(input.uploaderId),
    file: stored.file,
    thumbFile: stored.thumbFile,
    mime: image.mime,
    bytes: image.data.length,
    createdAt: deps.now(),
  });
  return { outcome: 'stored', id };
}

import { useCallback, useState } from 'react';
import { formErrorsFrom } from '../services/form-errors';
import { chooseImageFile, uploadImage } from '../services/media';

/**
 * Pick one image (camera or album) and upload it to `path` with progress: what the cover and
 * seal fields share. `percent` is null when idle; `failure` holds the server's or chooser's message.
 */
export function useImageUpload<T>(path: string, maxBytes: number, onUploaded: (result: T) => void) {
  const [percent, setPercent] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const pick = useCallback(async () => {
    setFailure(null);
    try {
      const file = await chooseImageFile();
      if (!file) return;
      onUploaded(await uploadImage<T>(path, file, maxBytes, setPercent));
    } catch (e) {
      setFailure(formErrorsFrom(e).form);
    } finally {
      setPercent(null);
    }
  }, [path, maxBytes, onUploaded]);

  return { percent, failure, pick };
}

import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppDeps } from '../../deps';
import { AppError } from '../../http/errors';
import { intakeAttachment, removePrivateFile, storePrivateFile } from './attachments';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
};

describe('non-image attachments', () => {
  it('takes a PDF by its magic bytes, whatever it is called, within the size limit', () => {
    expect(intakeAttachment(pdf, { types: ['pdf'], maxBytes: 1024 })).toEqual({ data: pdf, mime: 'application/pdf', ext: 'pdf' });
    expect(codeOf(() => intakeAttachment(Buffer.from('<html>%PDF</html>'), { types: ['pdf'], maxBytes: 1024 }))).toBe(
      'attachment_type_unsupported',
    );
    expect(codeOf(() => intakeAttachment(Buffer.from('PK\x03\x04 docx'), { types: ['pdf'], maxBytes: 1024 }))).toBe(
      'attachment_type_unsupported',
    );
    expect(codeOf(() => intakeAttachment(pdf, { types: ['pdf'], maxBytes: 10 }))).toBe('attachment_too_large');
  });

  it('stores privately under the data folder, owner-only, and never outside it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'linli-private-'));
    const deps = { config: { LINLI_DATA_DIR: dir } } as unknown as AppDeps;
    try {
      await storePrivateFile(deps, 'clinic', 'c1/file1.pdf', pdf);
      const file = path.join(dir, 'private', 'clinic', 'c1', 'file1.pdf');
      expect((await readFile(file)).equals(pdf)).toBe(true);
      expect((await stat(file)).mode & 0o077).toBe(0);
      await expect(storePrivateFile(deps, 'clinic', '../escape.pdf', pdf)).rejects.toThrow(/unsafe/);
      await expect(storePrivateFile(deps, '..', 'x.pdf', pdf)).rejects.toThrow(/unsafe/);
      await removePrivateFile(deps, 'clinic', 'c1/file1.pdf');
      await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

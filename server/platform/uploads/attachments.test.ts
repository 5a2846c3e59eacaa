import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppDeps } from '../../deps';
import { AppError } from '../../http/errors';
import { officeFile } from '../../../test/support/office-files';
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

  it('takes Word, Excel and PowerPoint files by their ZIP parts, and names the accepted types when refusing', () => {
    const types = ['pdf', 'docx', 'xlsx', 'pptx'] as const;
    for (const kind of ['docx', 'xlsx', 'pptx'] as const) {
      expect(intakeAttachment(officeFile(kind), { types: [...types], maxBytes: 10_000 }).ext).toBe(kind);
    }
    expect(codeOf(() => intakeAttachment(officeFile('docx'), { types: ['pdf', 'xlsx'], maxBytes: 10_000 }))).toBe('attachment_type_unsupported');
    // A ZIP that is not an Office file (no [Content_Types].xml).
    expect(codeOf(() => intakeAttachment(Buffer.from('PK\x03\x04 word/ docx'), { types: [...types], maxBytes: 1024 }))).toBe(
      'attachment_type_unsupported',
    );
    expect(() => intakeAttachment(Buffer.from('hello'), { types: [...types], maxBytes: 1024 })).toThrow(
      '仅支持 PDF、Word（.docx）、Excel（.xlsx）、PowerPoint（.pptx） 格式的文件',
    );
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

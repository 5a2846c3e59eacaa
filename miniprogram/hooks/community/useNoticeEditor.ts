import { useState } from 'react';
import { ZNoticeInput, type TNoticeCategory, type TNoticeDetail, type TNoticeInput } from '@shared/schemas/community/notices';
import { htmlToMarkup, markupToHtml } from '@shared/notice-markup';
import { formatTime } from '../../services/format';
import { communityApi } from '../../services/community';
import { formErrorsFrom, zodFieldErrors } from '../../services/form-errors';

export interface TNoticeDraft {
  title: string;
  /** The toolbar's light markup, one block per line (shared/notice-markup.ts); HTML on the way out (the server sanitizes again). */
  text: string;
  category: TNoticeCategory;
  communityId: string; // '' = the whole district
  pinned: boolean;
  urgent: boolean;
  expiryDate: string; // YYYY-MM-DD (Asia/Shanghai)
  expiryTime: string; // HH:MM
  /** Uploaded photos and documents, in order. */
  files: TDraftFile[];
  /** One optional https link. */
  attachmentName: string;
  attachmentUrl: string;
}

export interface TDraftFile {
  fileId: string;
  name: string;
  kind: 'image' | 'document';
  bytes: number | null;
}

const EMPTY: TNoticeDraft = {
  title: '',
  text: '',
  category: 'announcement',
  communityId: '',
  pinned: false,
  urgent: false,
  expiryDate: '',
  expiryTime: '',
  files: [],
  attachmentName: '',
  attachmentUrl: '',
};

/** The draft as the API input: paragraphs as HTML, the expiry as an instant in Shanghai time. */
export function toNoticeInput(d: TNoticeDraft): TNoticeInput {
  return {
    title: d.title,
    body: markupToHtml(d.text),
    category: d.category,
    communityIds: d.communityId ? [d.communityId] : [],
    pinned: d.pinned,
    urgent: d.urgent,
    expiresAt: d.expiryDate ? `${d.expiryDate}T${d.expiryTime || '23:59'}:00+08:00` : undefined,
    attachments: [
      ...d.files.map((f) => ({ name: f.name, fileId: f.fileId })),
      ...(d.attachmentUrl || d.attachmentName ? [{ name: d.attachmentName, url: d.attachmentUrl }] : []),
    ],
  };
}

/** A published notice back into the form: paragraphs as lines (markup beyond them is dropped), expiry in Shanghai time. */
export function draftFromNotice(n: TNoticeDetail): TNoticeDraft {
  const expiry = formatTime(n.expiresAt);
  const link = n.attachments.find((a) => a.kind === 'link');
  return {
    title: n.title,
    text: htmlToMarkup(n.body),
    category: n.category,
    communityId: n.communityIds[0] ?? '',
    pinned: n.pinned,
    urgent: n.urgent,
    expiryDate: expiry.slice(0, 10),
    expiryTime: expiry.slice(11, 16),
    files: n.attachments.flatMap((a) => (a.fileId && a.kind !== 'link' ? [{ fileId: a.fileId, name: a.name, kind: a.kind, bytes: a.bytes }] : [])),
    attachmentName: link?.name ?? '',
    attachmentUrl: link?.url ?? '',
  };
}

/** Field paths of the API input → the draft's own fields, so errors show under the right control. */
const FIELD_OF: Record<string, keyof TNoticeDraft> = {
  body: 'text',
  communityIds: 'communityId',
  expiresAt: 'expiryDate',
  'attachments.name': 'attachmentName',
  'attachments.url': 'attachmentUrl',
  'attachments.fileId': 'files',
  attachments: 'files',
};
// Item indexes drop out: the files' own names come from the server, so a name or url error is the link's.
const mapFields = (fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [FIELD_OF[k.replace(/\.\d+(?=\.|$)/, '')] ?? k, v]));

/** The admin's notice form: checked with the server's schema first, then published (or, editing, saved). */
export function useNoticeEditor(onPublished: (outcome: string) => void) {
  const [draft, setDraft] = useState<TNoticeDraft>(EMPTY);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const set = <K extends keyof TNoticeDraft>(k: K, v: TNoticeDraft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setErrors((e) => ({ ...e, [k]: '' }));
  };

  const submit = async () => {
    const input = toNoticeInput(draft);
    const parsed = ZNoticeInput.safeParse(input);
    if (!parsed.success) {
      setErrors(mapFields(zodFieldErrors(parsed.error)));
      return;
    }
    setSubmitting(true);
    setFormError(null);
    try {
      const r = editingId ? await communityApi.updateNotice(editingId, input) : await communityApi.publishNotice(input);
      setDraft(EMPTY);
      setEditingId(null);
      onPublished(r.outcome);
    } catch (e) {
      const m = formErrorsFrom(e);
      setErrors(mapFields(m.fields));
      setFormError(m.form);
    } finally {
      setSubmitting(false);
    }
  };
  const edit = (n: TNoticeDetail) => {
    setEditingId(n.id);
    setDraft(draftFromNotice(n));
    setErrors({});
    setFormError(null);
  };
  const cancelEdit = () => {
    setEditingId(null);
    setDraft(EMPTY);
    setErrors({});
  };
  return { draft, set, errors, formError, submitting, submit, editingId, edit, cancelEdit };
}

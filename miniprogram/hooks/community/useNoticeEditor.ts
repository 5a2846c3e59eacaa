import { useState } from 'react';
import { ZNoticeInput, type TNoticeCategory, type TNoticeDetail, type TNoticeInput } from '@shared/schemas/community/notices';
import { formatTime } from '../../services/format';
import { communityApi } from '../../services/community';
import { formErrorsFrom, zodFieldErrors } from '../../services/form-errors';

export interface TNoticeDraft {
  title: string;
  /** Plain paragraphs, one per line: turned into <p> on the way out (the server sanitizes again). */
  text: string;
  category: TNoticeCategory;
  communityId: string; // '' = the whole district
  pinned: boolean;
  urgent: boolean;
  expiryDate: string; // YYYY-MM-DD (Asia/Shanghai)
  expiryTime: string; // HH:MM
  attachmentName: string;
  attachmentUrl: string;
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
  attachmentName: '',
  attachmentUrl: '',
};

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The draft as the API input: paragraphs as HTML, the expiry as an instant in Shanghai time. */
export function toNoticeInput(d: TNoticeDraft): TNoticeInput {
  const paragraphs = d.text.split(/\n+/).map((l) => l.trim()).filter(Boolean);
  return {
    title: d.title,
    body: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join(''),
    category: d.category,
    communityIds: d.communityId ? [d.communityId] : [],
    pinned: d.pinned,
    urgent: d.urgent,
    expiresAt: d.expiryDate ? `${d.expiryDate}T${d.expiryTime || '23:59'}:00+08:00` : undefined,
    attachments: d.attachmentUrl || d.attachmentName ? [{ name: d.attachmentName, url: d.attachmentUrl }] : [],
  };
}

const unescapeHtml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');

/** A published notice back into the form: paragraphs as lines (markup beyond them is dropped), expiry in Shanghai time. */
export function draftFromNotice(n: TNoticeDetail): TNoticeDraft {
  const lines = n.body.split(/<\/(?:p|h[1-6]|li|blockquote)>|<br\s*\/?>/i).map((l) => unescapeHtml(l.replace(/<[^>]*>/g, '')).trim());
  const expiry = formatTime(n.expiresAt);
  return {
    title: n.title,
    text: lines.filter(Boolean).join('\n'),
    category: n.category,
    communityId: n.communityIds[0] ?? '',
    pinned: n.pinned,
    urgent: n.urgent,
    expiryDate: expiry.slice(0, 10),
    expiryTime: expiry.slice(11, 16),
    attachmentName: n.attachments[0]?.name ?? '',
    attachmentUrl: n.attachments[0]?.url ?? '',
  };
}

/** Field paths of the API input → the draft's own fields, so errors show under the right control. */
const FIELD_OF: Record<string, keyof TNoticeDraft> = {
  body: 'text',
  communityIds: 'communityId',
  expiresAt: 'expiryDate',
  'attachments.0.name': 'attachmentName',
  'attachments.0.url': 'attachmentUrl',
};
const mapFields = (fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [FIELD_OF[k] ?? FIELD_OF[k.replace(/^communityIds\.\d+$/, 'communityIds')] ?? k, v]));

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

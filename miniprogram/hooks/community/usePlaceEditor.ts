import { useState } from 'react';
import { ZPlaceInput, type TPlaceDto, type TPlaceInput, type TPlaceType } from '@shared/schemas/community/places';
import { communityApi } from '../../services/community';
import { formErrorsFrom, zodFieldErrors } from '../../services/form-errors';

/** The form's own state: coordinates stay text so a half-typed number is not lost. */
export interface TPlaceDraft {
  type: TPlaceType;
  name: string;
  address: string;
  lng: string;
  lat: string;
  openingHours: string;
  phone: string;
}

const EMPTY: TPlaceDraft = { type: 'service_centre', name: '', address: '', lng: '', lat: '', openingHours: '', phone: '' };

const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));

/** The draft as the API input; empty optional fields are left out. */
export function toPlaceInput(d: TPlaceDraft): TPlaceInput {
  return {
    type: d.type,
    name: d.name,
    address: d.address,
    location: { lng: num(d.lng), lat: num(d.lat) },
    phone: d.phone.trim() || undefined,
    openingHours: d.openingHours.trim() || undefined,
  };
}

/** `location.lng` → `lng`: errors show under the control that holds the value. */
const mapFields = (fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^location\.?/, '') || 'lng', v]));

const NUMBER_MESSAGE: Record<'lng' | 'lat', string> = { lng: '请填写经度（数字）', lat: '请填写纬度（数字）' };

/** Add one place, or edit an admin-maintained one: checked with the server's schema first. */
export function usePlaceEditor(onSaved: (outcome: 'created' | 'updated') => void) {
  const [draft, setDraft] = useState<TPlaceDraft>(EMPTY);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const set = <K extends keyof TPlaceDraft>(k: K, v: TPlaceDraft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setErrors((e) => ({ ...e, [k]: '' }));
  };

  const setLocation = (p: { lng: number; lat: number }, address?: string) => {
    setDraft((d) => ({ ...d, lng: p.lng.toFixed(6), lat: p.lat.toFixed(6), address: d.address || address || '' }));
    setErrors((e) => ({ ...e, lng: '', lat: '' }));
  };

  const edit = (p: TPlaceDto) => {
    setEditingId(p.id);
    setErrors({});
    setFormError(null);
    setDraft({
      type: p.type,
      name: p.name,
      address: p.address,
      lng: String(p.location.lng),
      lat: String(p.location.lat),
      openingHours: p.openingHours ?? '',
      phone: p.phone ?? '',
    });
  };

  const reset = () => {
    setEditingId(null);
    setDraft(EMPTY);
    setErrors({});
    setFormError(null);
  };

  const submit = async () => {
    setFormError(null);
    const parsed = ZPlaceInput.safeParse(toPlaceInput(draft));
    if (!parsed.success) {
      const fields = mapFields(zodFieldErrors(parsed.error));
      // NaN from an empty or non-numeric box reads as zod's generic message; say what is wanted.
      for (const k of ['lng', 'lat'] as const) if (fields[k] && Number.isNaN(num(draft[k]))) fields[k] = NUMBER_MESSAGE[k];
      setErrors(fields);
      return;
    }
    setSubmitting(true);
    try {
      const r = editingId ? await communityApi.updatePlace(editingId, parsed.data) : await communityApi.createPlace(parsed.data);
      reset();
      onSaved(r.outcome);
    } catch (e) {
      const f = formErrorsFrom(e);
      setErrors(mapFields(f.fields));
      setFormError(f.form);
    } finally {
      setSubmitting(false);
    }
  };

  return { draft, editingId, errors, formError, submitting, set, setLocation, edit, reset, submit };
}

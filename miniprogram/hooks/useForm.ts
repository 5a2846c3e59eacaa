import { useCallback, useRef, useState } from 'react';
import type { z } from 'zod';
import { formErrorsFrom, zodFieldErrors } from '../services/form-errors';

export interface TFormApi<V> {
  values: V;
  setField: <K extends keyof V>(key: K, value: V[K]) => void;
  /** Field path → message: client (zod) or server (`error.fields`). */
  errors: Record<string, string>;
  /** Message for the whole form (server message, network error). */
  formError: string | null;
  submitting: boolean;
  submit: () => Promise<void>;
  reset: (values?: V) => void;
}

/**
 * Form state validated with the same zod schema the server uses. The handler
 * gets parsed output; whatever it throws becomes field or form errors.
 */
export function useForm<S extends z.ZodType>(
  schema: S,
  initial: z.input<S>,
  onValid: (values: z.output<S>) => Promise<void>,
): TFormApi<z.input<S>> {
  type V = z.input<S>;
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const busy = useRef(false);
  const latest = useRef(values);
  latest.current = values;

  const setField = useCallback(<K extends keyof V>(key: K, value: V[K]) => {
    setValues((v) => ({ ...(v as object), [key]: value }) as V);
    setErrors((e) => {
      if (!(String(key) in e)) return e;
      const next = { ...e };
      delete next[String(key)];
      return next;
    });
  }, []);

  const submit = useCallback(async () => {
    if (busy.current) return;
    const parsed = schema.safeParse(latest.current);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      setFormError(null);
      return;
    }
    busy.current = true;
    setSubmitting(true);
    setErrors({});
    setFormError(null);
    try {
      await onValid(parsed.data);
    } catch (e) {
      const mapped = formErrorsFrom(e);
      setErrors(mapped.fields);
      setFormError(mapped.form);
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  }, [schema, onValid]);

  const reset = useCallback((v?: V) => {
    setValues(v ?? initial);
    setErrors({});
    setFormError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return { values, setField, errors, formError, submitting, submit, reset };
}

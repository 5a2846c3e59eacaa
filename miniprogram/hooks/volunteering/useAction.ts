import { useCallback, useRef, useState } from 'react';
import type { TAnyErrorCode } from '@shared/errors';
import { confirmAction } from '../../services/confirm';
import { formErrorsFrom } from '../../services/form-errors';
import { ApiError } from '../../services/request';

export type TConfirm = Parameters<typeof confirmAction>[0];

export interface TActionApi {
  busy: string | null;
  error: string | null;
  /** Stable error id of the last failure (e.g. volunteer_required), for follow-up links. */
  errorCode: TAnyErrorCode | null;
  success: string | null;
  /**
   * Runs one named action; its returned string is shown as the success message. With `confirm`,
   * the platform's confirmation comes first (destructive or notifying actions) and 取消 runs nothing.
   */
  run: (name: string, action: () => Promise<string | null | void>, confirm?: TConfirm) => Promise<boolean>;
  clear: () => void;
}

/** One action at a time per page, with a visible error or success message (never a silent failure). */
export function useAction(): TActionApi {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [errorCode, setErrorCode] = useState<TAnyErrorCode | null>(null);
  const running = useRef(false);

  const run = useCallback(async (name: string, action: () => Promise<string | null | void>, confirm?: TConfirm) => {
    if (running.current) return false;
    if (confirm && !(await confirmAction(confirm))) return false;
    if (running.current) return false;
    running.current = true;
    setBusy(name);
    setError(null);
    setErrorCode(null);
    setSuccess(null);
    try {
      const msg = await action();
      setSuccess(msg || null);
      return true;
    } catch (e) {
      setError(formErrorsFrom(e).form);
      setErrorCode(e instanceof ApiError ? e.code : null);
      return false;
    } finally {
      running.current = false;
      setBusy(null);
    }
  }, []);

  const clear = useCallback(() => {
    setError(null);
    setErrorCode(null);
    setSuccess(null);
  }, []);

  return { busy, error, errorCode, success, run, clear };
}

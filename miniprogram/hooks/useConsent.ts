import { useCallback, useState } from 'react';
import { api } from '../services/api';
import { ROUTES, replace } from '../services/nav';
import { formErrorsFrom } from '../services/form-errors';
import { ApiError } from '../services/request';
import { clearSession, getToken, isStaff, setUser } from '../services/session';
import { useAsync } from './useAsync';

/** The privacy policy and the 同意 / 不同意 actions. */
export function useConsent() {
  const policy = useAsync(() => api.privacyPolicy());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const agree = useCallback(async () => {
    if (!policy.data) return;
    setBusy(true);
    setError(null);
    try {
      const { user } = await api.consent({ version: policy.data.version });
      setUser(user);
      replace(isStaff(user) ? ROUTES.staffPortal : ROUTES.me);
    } catch (e) {
      const { form } = formErrorsFrom(e);
      setError(form);
      // The policy changed while the page was open: show the new text.
      if (e instanceof ApiError && e.code === 'consent_version_mismatch') void policy.reload();
    } finally {
      setBusy(false);
    }
  }, [policy]);

  /** Without consent the account cannot be used: sign out (best effort) and go home. */
  const decline = useCallback(async () => {
    try {
      if (getToken()) await api.logout();
    } catch {
      // Dropped locally anyway.
    }
    clearSession();
    replace(ROUTES.home);
  }, []);

  return { policy, busy, error, agree, decline, loggedIn: !!getToken() };
}

import { useEffect, useRef, useState } from 'react';
import type { TCheckinQrDto } from '@shared/schemas/volunteering/attendance';
import { formErrorsFrom } from '../../services/form-errors';
import { volunteeringApi } from '../../services/volunteering';

/**
 * The organiser's check-in QR for one shift. The token rotates every 30 s on the
 * server; this refetches just after each rotation (the previous token stays valid
 * one more window, so a scan at the boundary still works).
 */
export function useCheckinQr(activityId: string | undefined, shiftId: string | null) {
  const [qr, setQr] = useState<TCheckinQrDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    let alive = true;
    setQr(null);
    setError(null);
    if (!activityId || !shiftId) return undefined;
    const tick = async () => {
      let waitMs = 5000;
      try {
        const next = await volunteeringApi.checkinQr(activityId, shiftId);
        if (!alive) return;
        setQr(next);
        setError(null);
        waitMs = Math.min(30_000, Math.max(1000, Date.parse(next.rotatesAt) - Date.now() + 300));
      } catch (e) {
        if (!alive) return;
        setError(formErrorsFrom(e).form);
      }
      if (alive) timer.current = setTimeout(() => void tick(), waitMs);
    };
    void tick();
    return () => {
      alive = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [activityId, shiftId]);

  return { qr, error };
}

import { useCallback, useEffect, useState } from 'react';
import type { TTeamSummaryDto } from '@shared/schemas/volunteering/teams';
import { formErrorsFrom } from '../../services/form-errors';
import { volunteeringApi } from '../../services/volunteering';
import { currentPosition, type TPosition } from './location';

/** 志愿地图: certified teams nearest first, from the device position. */
export function useNearbyTeams() {
  const [position, setPosition] = useState<TPosition | null>(null);
  const [items, setItems] = useState<TTeamSummaryDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [radiusKm, setRadiusKm] = useState(10);

  const load = useCallback(async (km: number) => {
    setLoading(true);
    setError(null);
    try {
      const pos = await currentPosition();
      setPosition(pos);
      const res = await volunteeringApi.nearbyTeams({ lng: pos.lng, lat: pos.lat, radiusKm: km });
      setItems(res.items);
    } catch (e) {
      setError(formErrorsFrom(e).form);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => void load(radiusKm), [load, radiusKm]);
  return { position, items, error, loading, radiusKm, setRadiusKm, reload: () => load(radiusKm) };
}

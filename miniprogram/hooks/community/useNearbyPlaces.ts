import { useCallback, useEffect, useRef, useState } from 'react';
import { NEARBY_RADII } from '@shared/schemas/community/places';
import { communityApi, type TNearbyPlaceItem } from '../../services/community';
import { formErrorsFrom } from '../../services/form-errors';
import { currentPosition, type TPosition } from '../volunteering/location';

/** 15 分钟生活圈: places around the device, nearest first, within the chosen radius (default 1000 m). */
export function useNearbyPlaces() {
  const [position, setPosition] = useState<TPosition | null>(null);
  const [items, setItems] = useState<TNearbyPlaceItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [radius, setRadius] = useState<number>(1000);
  const [type, setType] = useState<string | undefined>(undefined);
  // The position is asked once; radius and type changes reuse it.
  const known = useRef<TPosition | null>(null);

  const load = useCallback(async (r: number, t: string | undefined) => {
    setLoading(true);
    setError(null);
    try {
      const pos = known.current ?? (await currentPosition());
      known.current = pos;
      setPosition(pos);
      const res = await communityApi.nearby({ lng: pos.lng, lat: pos.lat, radius: r, type: t });
      setItems(res.items);
    } catch (e) {
      setError(formErrorsFrom(e).form);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => void load(radius, type), [load, radius, type]);
  return { position, items, error, loading, radius, radii: NEARBY_RADII, setRadius, type, setType };
}

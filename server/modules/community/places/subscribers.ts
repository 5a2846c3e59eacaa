import type { Subscriber } from '../../../platform/outbox/registry';
import { PLACE_TYPES, type TPlaceType } from '@shared/schemas/community/places';
import { parseOpeningHours } from './hours';
import { Place } from './model';

/** `place.upserted` as other modules (clinic, …) emit it. */
interface PlaceUpserted {
  source: string;
  sourceId: string;
  placeType: string;
  name: string;
  address: string;
  lng: number;
  lat: number;
  phone?: string;
  openingHours?: string;
}

const SOURCES = new Set<string>(['clinic', 'volunteering']);
type OwnSource = 'clinic' | 'volunteering';

/**
 * `community.places`: Linli's own places (clinics, volunteer stations) follow their owners'
 * events, keyed on (source, sourceId), so a redelivery or a later update changes the one place.
 * A payload this module cannot use is logged and skipped rather than retried forever.
 */
export const placeSubscribers: Subscriber[] = [
  {
    name: 'community.places',
    events: ['place.upserted', 'place.removed'],
    handle: async (event, deps) => {
      const p = event.payload as Partial<PlaceUpserted>;
      if (!p.source || !SOURCES.has(p.source) || !p.sourceId) {
        deps.logger.warn({ event: event.id, source: p.source }, 'place event without a known source: skipped');
        return;
      }
      const key = { source: p.source as OwnSource, sourceId: p.sourceId };
      if (event.type === 'place.removed') {
        await Place.deleteOne(key);
        return;
      }
      if (typeof p.lng !== 'number' || typeof p.lat !== 'number' || !p.name || !p.address) {
        deps.logger.warn({ event: event.id }, 'place.upserted without name, address or point: skipped');
        return;
      }
      const type: TPlaceType = (PLACE_TYPES as readonly string[]).includes(p.placeType ?? '') ? (p.placeType as TPlaceType) : 'other';
      await Place.updateOne(
        key,
        {
          $set: {
            type,
            name: p.name,
            address: p.address,
            location: { type: 'Point', coordinates: [p.lng, p.lat] },
            phone: p.phone,
            openingHours: p.openingHours,
            hours: p.openingHours ? parseOpeningHours(p.openingHours) : null,
          },
        },
        { upsert: true },
      );
    },
  },
];

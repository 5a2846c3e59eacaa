import type { Subscriber } from '../../platform/outbox/registry';
import { openMediationCase } from './commands/mediation';

/** The payload the reports module emits when a report falls under the dispute category (矛盾纠纷). */
interface DisputeReferred {
  reportId: string;
  categoryCode: string;
  description: string;
  address: string;
  lng: number;
  lat: number;
  reporterUserId: string;
}

/**
 * `clinic.dispute-referral`: a report referred as a dispute opens a mediation case in the
 * committee's queue, once per report (the case's unique source key), however often the event
 * is delivered.
 */
export const clinicSubscribers: Subscriber[] = [
  {
    name: 'clinic.dispute-referral',
    events: ['report.dispute_referred'],
    handle: async (event, deps) => {
      const p = event.payload as unknown as DisputeReferred;
      await openMediationCase(deps, {
        source: { kind: 'report', id: p.reportId },
        disputeType: 'other',
        description: p.description,
        address: p.address,
        location: Number.isFinite(p.lng) && Number.isFinite(p.lat) ? { lng: p.lng, lat: p.lat } : undefined,
        parties: [{ name: '上报居民', role: 'applicant', userId: p.reporterUserId }],
      });
    },
  },
];

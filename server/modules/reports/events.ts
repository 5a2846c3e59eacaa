/**
 * `report.dispute_referred` (aggregate `report:<id>`): a report in the dispute category (矛盾纠纷)
 * was submitted. The clinic module subscribes and opens a case in its mediation queue; reports
 * never calls the clinic (it is built alongside, and events keep the dependency one way).
 */
export interface DisputeReferredPayload {
  [key: string]: unknown;
  reportId: string;
  categoryCode: string;
  description: string;
  address: string;
  lng: number;
  lat: number;
  /** '' when the report came through Open311 without a Linli account. */
  reporterUserId: string;
}
export const DISPUTE_REFERRED = 'report.dispute_referred';

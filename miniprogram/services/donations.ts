/**
 * Typed client for charity donations (issue 13): public projects and ledger, donating (JSAPI on
 * weapp, Native QR on H5), my donations and receipts, receipt verification, and the district
 * admin's charities, projects, refunds, disbursements and reconciliation. Types come from the
 * routes' zod schemas (shared/schemas/donations).
 */
import type { TOut } from '@shared/schemas/common';
import type {
  TAnomalyHandleInput,
  TCharityInput,
  TDisbursementInput,
  TDonateInput,
  TMerchantSettings,
  TProjectInput,
  TRefundInput,
  ZAdminDonationPage,
  ZAnomalyDto,
  ZAnomalyPage,
  ZCharityDto,
  ZCharityList,
  ZCoverUpload,
  ZDonationConfig,
  ZDonationDto,
  ZDonationPage,
  ZLedgerEntryDto,
  ZLedgerPage,
  ZMerchantView,
  ZOrderCreated,
  ZProjectDto,
  ZProjectPage,
  ZReceiptVerification,
  ZReconcileReport,
  ZRefundCreated,
  ZRefundList,
} from '@shared/schemas/donations';
import { API_BASE, http } from './api';
import { getToken } from './session';

const { request } = http;
const id = encodeURIComponent;

export type TProject = TOut<typeof ZProjectDto>;
export type TDonation = TOut<typeof ZDonationDto>;
export type TLedgerPage = TOut<typeof ZLedgerPage>;
export type TOrderCreated = TOut<typeof ZOrderCreated>;
export type TAdminDonation = TOut<typeof ZAdminDonationPage>['items'][number];
export type TImageUpload = TOut<typeof ZCoverUpload>;
export type TMerchantView = TOut<typeof ZMerchantView>;
export type TRefund = TOut<typeof ZRefundList>['items'][number];
export type TCharity = TOut<typeof ZCharityDto>;
export type TAnomaly = TOut<typeof ZAnomalyDto>;

export const donationsApi = {
  config: () => request<TOut<typeof ZDonationConfig>>({ path: '/api/charity/config', anonymous: true }),
  projects: (q: { page?: number } = {}) =>
    request<TOut<typeof ZProjectPage>>({ path: '/api/charity/projects', query: q, anonymous: !getToken() }),
  project: (projectId: string) =>
    request<TProject>({ path: `/api/charity/projects/${id(projectId)}`, anonymous: !getToken() }),
  ledger: (projectId: string, q: { page?: number; kind?: string } = {}) =>
    request<TLedgerPage>({ path: `/api/charity/projects/${id(projectId)}/ledger`, query: q, anonymous: true }),
  /** One order per attempt: the page keeps the key until the attempt ends, so a retry never creates a second order. */
  donate: (projectId: string, input: TDonateInput, idempotencyKey: string) =>
    request<TOrderCreated>({ method: 'POST', path: `/api/charity/projects/${id(projectId)}/donations`, body: input, idempotencyKey }),
  myDonations: (q: { page?: number } = {}) => request<TOut<typeof ZDonationPage>>({ path: '/api/me/donations', query: q }),
  myDonation: (donationId: string) => request<TDonation>({ path: `/api/me/donations/${id(donationId)}` }),
  receiptUrl: (donationId: string) => `${API_BASE}/api/me/donations/${id(donationId)}/receipt`,
  verifyReceipt: (serial: string) =>
    request<TOut<typeof ZReceiptVerification>>({ path: `/api/charity/receipts/${id(serial)}`, anonymous: true }),
  // District admins
  charities: () => request<TOut<typeof ZCharityList>>({ path: '/api/admin/charities' }),
  createCharity: (input: TCharityInput) => request<TCharity>({ method: 'POST', path: '/api/admin/charities', body: input }),
  adminProjects: (q: { page?: number; pageSize?: number; status?: string } = {}) =>
    request<TOut<typeof ZProjectPage>>({ path: '/api/admin/charity/projects', query: q }),
  createProject: (input: TProjectInput) => request<TProject>({ method: 'POST', path: '/api/admin/charity/projects', body: input }),
  updateProject: (projectId: string, input: TProjectInput) =>
    request<TProject>({ method: 'PUT', path: `/api/admin/charity/projects/${id(projectId)}`, body: input }),
  publishProject: (projectId: string) =>
    request<TProject>({ method: 'POST', path: `/api/admin/charity/projects/${id(projectId)}/publish` }),
  closeProject: (projectId: string) =>
    request<TProject>({ method: 'POST', path: `/api/admin/charity/projects/${id(projectId)}/close` }),
  disburse: (projectId: string, input: TDisbursementInput) =>
    request<Pick<TOut<typeof ZLedgerEntryDto>, 'id' | 'amountFen' | 'purpose' | 'proofImageUrls' | 'at'>>({
      method: 'POST',
      path: `/api/admin/charity/projects/${id(projectId)}/disbursements`,
      body: input,
    }),
  adminDonations: (q: { page?: number; pageSize?: number; projectId?: string } = {}) =>
    request<TOut<typeof ZAdminDonationPage>>({ path: '/api/admin/donations', query: q }),
  refund: (donationId: string, input: TRefundInput, idempotencyKey: string) =>
    request<TOut<typeof ZRefundCreated>>({ method: 'POST', path: `/api/admin/donations/${id(donationId)}/refunds`, body: input, idempotencyKey }),
  refunds: (donationId: string) => request<TOut<typeof ZRefundList>>({ path: `/api/admin/donations/${id(donationId)}/refunds` }),
  reconcile: (q: { charityId: string; date: string }) =>
    request<TOut<typeof ZReconcileReport>>({ path: '/api/admin/charity/reconciliation', query: q }),
  merchant: (charityId: string) => request<TMerchantView>({ path: `/api/admin/charities/${id(charityId)}/merchant` }),
  updateMerchant: (charityId: string, input: TMerchantSettings & { version: number }) =>
    request<TMerchantView>({ method: 'PUT', path: `/api/admin/charities/${id(charityId)}/merchant`, body: input }),
  anomalies: (q: { page?: number; pageSize?: number } = {}) => request<TOut<typeof ZAnomalyPage>>({ path: '/api/admin/charity/anomalies', query: q }),
  handleAnomaly: (anomalyId: string, input: TAnomalyHandleInput) =>
    request<TAnomaly>({ method: 'POST', path: `/api/admin/charity/anomalies/${id(anomalyId)}/handled`, body: input }),
};

export const COVER_UPLOAD_PATH = '/api/admin/charity/covers';
export const PROOF_UPLOAD_PATH = '/api/admin/charity/proofs';

export { yuanToFen } from './money';

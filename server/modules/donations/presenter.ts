import {
  LEDGER_KIND_LABELS,
  ORDER_STATUS_LABELS,
  PROJECT_STATUS_LABELS,
  type TCharityDto,
  type TDonationDto,
  type TProjectDto,
} from '@shared/schemas/donations';
import type { z } from 'zod';
import type { ZAdminDonationDto, ZLedgerEntryDto, ZProjectTotals, ZRefundDto } from '@shared/schemas/donations';
import type { CharityDoc, DonationOrderDoc, LedgerEntryDoc, ProjectDoc, ProjectTotals, RefundDoc } from './model';

const DAY_MS = 86_400_000;
export const imageUrl = (id: unknown): string => `/api/charity/images/${String(id)}/file`;

export function presentCharity(c: CharityDoc, staff: boolean): TCharityDto {
  return {
    id: String(c._id),
    name: c.name,
    uscc: c.uscc,
    filingNumber: c.filingNumber,
    ...(staff ? { mchId: c.merchant.mchId } : {}),
    createdAt: c.createdAt.toISOString(),
  };
}

export function presentTotals(p: ProjectTotals & { donorCount: number }): z.infer<typeof ZProjectTotals> {
  return {
    raisedFen: p.raisedFen,
    refundedFen: p.refundedFen,
    disbursedFen: p.disbursedFen,
    feeFen: p.feeFen,
    balanceFen: p.raisedFen - p.refundedFen - p.disbursedFen - p.feeFen,
    donorCount: p.donorCount,
    donationCount: p.donationCount,
  };
}

export function presentProject(p: ProjectDoc, charity: CharityDoc | null, abilities: TProjectDto['abilities'], now: Date): TProjectDto {
  const net = p.raisedFen - p.refundedFen;
  const c = charity ?? ({ _id: p.charity, name: '', uscc: '', filingNumber: '' } as unknown as CharityDoc);
  return {
    id: String(p._id),
    title: p.title,
    story: p.story,
    coverUrl: p.cover ? imageUrl(p.cover) : null,
    goalFen: p.goalFen,
    startAt: p.startAt.toISOString(),
    endAt: p.endAt.toISOString(),
    status: p.status,
    statusLabel: PROJECT_STATUS_LABELS[p.status],
    progressPercent: Math.min(100, Math.round((Math.max(0, net) / p.goalFen) * 1000) / 10),
    daysLeft: Math.max(0, Math.ceil((p.endAt.getTime() - now.getTime()) / DAY_MS)),
    charity: { id: String(c._id), name: c.name, uscc: c.uscc, filingNumber: c.filingNumber },
    fundraisingNotice: `本项目由${c.name}发起并开展公开募捐，公开募捐备案编号：${c.filingNumber}。捐款直接进入该机构的微信支付商户账户。`,
    totals: presentTotals(p),
    reviewNote: p.reviewNote ?? null,
    abilities,
  };
}

export function presentDonation(d: DonationOrderDoc, project: Pick<ProjectDoc, '_id' | 'title'> | null, charityName: string): TDonationDto {
  return {
    id: String(d._id),
    outTradeNo: d.outTradeNo,
    project: { id: String(d.project), title: project?.title ?? '' },
    charityName,
    amountFen: d.amountFen,
    refundedFen: d.refundedFen,
    message: d.message ?? null,
    anonymous: d.anonymous,
    channel: d.channel,
    status: d.status,
    statusLabel: ORDER_STATUS_LABELS[d.status],
    createdAt: d.createdAt.toISOString(),
    paidAt: d.paidAt ? d.paidAt.toISOString() : null,
    receiptSerial: d.receiptSerial ?? null,
  };
}

export function presentAdminDonation(d: DonationOrderDoc, project: Pick<ProjectDoc, '_id' | 'title'> | null, charityName: string): z.infer<typeof ZAdminDonationDto> {
  return {
    ...presentDonation(d, project, charityName),
    donorMasked: d.donorMasked,
    needsReview: d.needsReview,
    transactionId: d.transactionId ?? null,
  };
}

export function presentRefund(r: RefundDoc): z.infer<typeof ZRefundDto> {
  return {
    id: String(r._id),
    outRefundNo: r.outRefundNo,
    donationId: String(r.order),
    amountFen: r.amountFen,
    reason: r.reason,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    succeededAt: r.succeededAt ? r.succeededAt.toISOString() : null,
  };
}

export function presentLedgerEntry(e: LedgerEntryDoc): z.infer<typeof ZLedgerEntryDto> {
  return {
    id: String(e._id),
    kind: e.kind,
    kindLabel: LEDGER_KIND_LABELS[e.kind],
    amountFen: e.amountFen,
    donorName: e.kind === 'donation' ? (e.donorMasked ?? '爱心人士') : null,
    message: e.message ?? null,
    purpose: e.purpose ?? null,
    proofImageUrls: (e.proofImages ?? []).map(imageUrl),
    at: e.at.toISOString(),
  };
}

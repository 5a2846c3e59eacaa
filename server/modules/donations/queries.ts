/** Donations' reads: no writes here. */
import { Types, type QueryFilter } from 'mongoose';
import { findContact } from '../users';
import { Charity, DonationImage, DonationOrder, LedgerEntry, PaymentAnomaly, Project, Refund, type CharityDoc, type DonationOrderDoc, type LedgerEntryDoc, type LedgerKind, type PaymentAnomalyDoc, type ProjectDoc } from './model';

const oid = (id: string) => new Types.ObjectId(id);

export const findCharity = (id: string | Types.ObjectId) => Charity.findById(id).lean<CharityDoc>();
/** Every charity, or only `ids` (a charity_staff actor's). */
export const listCharities = (ids?: string[]) => Charity.find(ids ? { _id: { $in: ids.map(oid) } } : {}).sort({ createdAt: -1 }).lean<CharityDoc[]>();
export const charityExists = async (id: string): Promise<boolean> => Boolean(await Charity.exists({ _id: oid(id) }));
export const findProject = (id: string) => Project.findById(oid(id)).lean<ProjectDoc>();
export const findOrder = (id: string) => DonationOrder.findById(oid(id)).lean<DonationOrderDoc>();
export const findOrderBySerial = (serial: string) => DonationOrder.findOne({ receiptSerial: serial, status: 'paid' }).lean<DonationOrderDoc>();
export const findImage = (id: string) => DonationImage.findById(oid(id)).lean();
export const refundsOf = (orderId: Types.ObjectId) => Refund.find({ order: orderId }).sort({ createdAt: 1 }).lean();

/** Charities by id, for lists (one query). */
export async function charitiesById(ids: Types.ObjectId[]): Promise<Map<string, CharityDoc>> {
  const rows = await Charity.find({ _id: { $in: [...new Set(ids.map(String))].map(oid) } }).lean<CharityDoc[]>();
  return new Map(rows.map((c) => [String(c._id), c]));
}

export async function projectsById(ids: Types.ObjectId[]): Promise<Map<string, ProjectDoc>> {
  const rows = await Project.find({ _id: { $in: [...new Set(ids.map(String))].map(oid) } }, { title: 1, charity: 1 }).lean<ProjectDoc[]>();
  return new Map(rows.map((p) => [String(p._id), p]));
}

export async function projectPage(filter: QueryFilter<ProjectDoc>, page: { page: number; pageSize: number }) {
  const [items, total] = await Promise.all([
    Project.find(filter).sort({ status: 1, endAt: 1, _id: -1 }).skip((page.page - 1) * page.pageSize).limit(page.pageSize).lean<ProjectDoc[]>(),
    Project.countDocuments(filter),
  ]);
  return { items, total };
}

export async function orderPage(filter: QueryFilter<DonationOrderDoc>, page: { page: number; pageSize: number }) {
  const [items, total] = await Promise.all([
    DonationOrder.find(filter).sort({ createdAt: -1 }).skip((page.page - 1) * page.pageSize).limit(page.pageSize).lean<DonationOrderDoc[]>(),
    DonationOrder.countDocuments(filter),
  ]);
  return { items, total };
}

export async function ledgerPage(projectId: Types.ObjectId, kind: LedgerKind | undefined, page: { page: number; pageSize: number }) {
  const filter: QueryFilter<LedgerEntryDoc> = { project: projectId, ...(kind ? { kind } : {}) };
  const [items, total] = await Promise.all([
    LedgerEntry.find(filter).sort({ at: -1, _id: -1 }).skip((page.page - 1) * page.pageSize).limit(page.pageSize).lean<LedgerEntryDoc[]>(),
    LedgerEntry.countDocuments(filter),
  ]);
  return { items, total };
}

/** Paid orders of a merchant whose payment falls on a Beijing day (for reconciliation). */
export function paidOrdersOn(mchId: string, from: Date, to: Date) {
  return DonationOrder.find({ mchId, transactionId: { $type: 'string' }, paidAt: { $gte: from, $lt: to } }, { outTradeNo: 1, amountFen: 1 }).lean<DonationOrderDoc[]>();
}

export const findOrdersByOutTradeNo = (nos: string[]) => DonationOrder.find({ outTradeNo: { $in: nos } }, { outTradeNo: 1, amountFen: 1, mchId: 1, status: 1 }).lean<DonationOrderDoc[]>();

/** The donor's own name for their own receipt (never shown to anyone else). */
export async function donorDisplayName(id: Types.ObjectId): Promise<string | null> {
  return (await findContact(id))?.displayName ?? null;
}

export const findAnomaly = (id: string) => PaymentAnomaly.findById(id).lean<PaymentAnomalyDoc>();

/** Verified notifications that did not match our records, newest first. */
export async function anomalyPage(page: { page: number; pageSize: number }) {
  const [items, total] = await Promise.all([
    PaymentAnomaly.find({}).sort({ at: -1, _id: -1 }).skip((page.page - 1) * page.pageSize).limit(page.pageSize).lean<PaymentAnomalyDoc[]>(),
    PaymentAnomaly.countDocuments({}),
  ]);
  return { items, total };
}

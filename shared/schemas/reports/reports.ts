import { z } from 'zod';
import { ZDateOut, ZObjectId, ZPagination, hasRealText, zIsoDate, zPage } from '../common';
import { REPORT_STATUSES, type TReportAction } from './status';

/** Limits of a report (the form and the server share them). */
export const REPORT_LIMITS = {
  photosMax: 9,
  photoBytes: 5 * 1024 * 1024,
  descriptionMin: 5,
  descriptionMax: 1000,
  /** Open reports of the same category this close are offered as "me too" instead of a new one. */
  duplicateRadiusM: 50,
  /** Dispatchers look further for the original a report duplicates. */
  staffDuplicateRadiusM: 300,
  /** Days the reporter has to answer after "resolved" before it closes fixed by default. */
  confirmDays: 7,
  ratingMax: 5,
  /** Days after closing in which the reporter may reopen a closed report (fixed, by default or not). */
  reopenDays: 7,
  /** How many times the reporter may reopen one report (then the dispatcher decides). */
  reporterReopensMax: 2,
  /** A map list (bbox) counts its total up to this many; beyond it `capped` is set (use the clusters). */
  mapCountCap: 100,
  /** The heat map counts at most this many reports in a box; beyond it `capped` is set (zoom in). */
  heatCap: 5000,
} as const;

/** A GCJ-02 point roughly inside China (outside it is refused at its field). */
export const ZChinaPoint = z.object(
  {
    lng: z.number({ error: '请选择位置' }).min(73, '位置不在中国境内').max(136, '位置不在中国境内'),
    lat: z.number({ error: '请选择位置' }).min(3, '位置不在中国境内').max(54, '位置不在中国境内'),
  },
  { error: '请选择位置' },
);
export type TChinaPoint = z.infer<typeof ZChinaPoint>;

const ZDescription = z
  .string({ error: '请描述问题' })
  .trim()
  .min(REPORT_LIMITS.descriptionMin, `描述至少 ${REPORT_LIMITS.descriptionMin} 个字`)
  .max(REPORT_LIMITS.descriptionMax, `描述不能超过 ${REPORT_LIMITS.descriptionMax} 个字`)
  .refine(hasRealText, '描述须包含文字，不能只有表情或符号');
const ZNote = z.string().trim().max(500, '说明不能超过 500 个字');
const ZReason = z.string({ error: '请填写原因' }).trim().min(2, '请填写原因（至少 2 个字）').max(200, '原因不能超过 200 个字');
const ZPhotoIds = z.array(ZObjectId).max(REPORT_LIMITS.photosMax, `最多 ${REPORT_LIMITS.photosMax} 张照片`).default([]);

export const ZSubmitReport = z.strictObject({
  categoryCode: z.string({ error: '请选择问题类别' }).trim().min(1, '请选择问题类别').max(40, '问题类别无效'),
  description: ZDescription,
  attributes: z.record(z.string(), z.string().trim().max(100, '属性值不能超过 100 个字')).default({}),
  photoIds: ZPhotoIds,
  location: ZChinaPoint,
  address: z.string({ error: '请填写地址' }).trim().min(2, '地址至少 2 个字').max(100, '地址不能超过 100 个字'),
  anonymous: z.boolean().default(false),
});
export type TSubmitReport = z.infer<typeof ZSubmitReport>;

export const ZNearbyQuery = z.strictObject({
  categoryCode: z.string().trim().min(1).max(40),
  lng: z.coerce.number().min(73, '位置不在中国境内').max(136, '位置不在中国境内'),
  lat: z.coerce.number().min(3, '位置不在中国境内').max(54, '位置不在中国境内'),
});
export type TNearbyQuery = z.infer<typeof ZNearbyQuery>;

export const ZPhotoUploadDto = z.object({ id: z.string(), url: z.string(), thumbUrl: z.string(), bytes: z.number() });

/** Staff actions: one body shape, each action reads what it needs (checked per action). */
export const ZReportActionBody = z.strictObject({
  note: ZNote.optional(),
  reason: ZReason.optional(),
  photoIds: ZPhotoIds,
  departmentId: ZObjectId.optional(),
  handlerId: ZObjectId.optional(),
  duplicateOfId: ZObjectId.optional(),
  location: ZChinaPoint.optional(),
});
export type TReportActionBody = z.infer<typeof ZReportActionBody>;

export const STAFF_ACTIONS = [
  'accept',
  'dispatch',
  'reject',
  'mark_duplicate',
  'take',
  'arrive',
  'update',
  'transfer',
  'resolve',
  'close_not_fixed',
  'reopen',
] as const satisfies readonly TReportAction[];
export const ZActionParams = z.strictObject({ id: ZObjectId, action: z.enum(STAFF_ACTIONS, { error: '操作无效' }) });

export const CONFIRM_ANSWERS = ['fixed', 'partly', 'not_fixed'] as const;
export const ZConfirmReport = z.strictObject({
  answer: z.enum(CONFIRM_ANSWERS, { error: '请选择已解决、部分解决或未解决' }),
  note: ZNote.optional(),
  photoIds: z.array(ZObjectId).max(3, '最多 3 张照片').default([]),
  rating: z.number().int('评分须为 1-5 的整数').min(1, '评分须为 1-5').max(REPORT_LIMITS.ratingMax, '评分须为 1-5').optional(),
});
export type TConfirmReport = z.infer<typeof ZConfirmReport>;

export const ZReopenByReporter = z.strictObject({ reason: ZReason });
export type TReopenByReporter = z.infer<typeof ZReopenByReporter>;

/**
 * Whether the reporter may still reopen a closed report: closed (fixed, fixed by default or not
 * fixed) less than REPORT_LIMITS.reopenDays ago, and reopened by them fewer than
 * REPORT_LIMITS.reporterReopensMax times. The server and the pages ask the same question.
 */
export function reporterReopenWindow(
  r: { status: string; closedAt: Date | string | null; history: readonly { action: string }[] },
  now: Date,
): 'open' | 'not_closed' | 'too_late' | 'too_many' {
  if (r.status !== 'closed_fixed' && r.status !== 'closed_not_fixed') return 'not_closed';
  if (!r.closedAt || now.getTime() - new Date(r.closedAt).getTime() > REPORT_LIMITS.reopenDays * 86_400_000) return 'too_late';
  if (r.history.filter((h) => h.action === 'reporter_reopen').length >= REPORT_LIMITS.reporterReopensMax) return 'too_many';
  return 'open';
}

const ZPoint = z.object({ lng: z.number(), lat: z.number() });
const ZPhoto = z.object({ id: z.string(), url: z.string(), thumbUrl: z.string() });

/** What anyone may see: no reporter, no handler names, no attributes that could identify people. */
export const ZPublicReportDto = z.object({
  id: z.string(),
  categoryCode: z.string(),
  categoryLabel: z.string(),
  description: z.string(),
  address: z.string(),
  location: ZPoint,
  status: z.enum(REPORT_STATUSES),
  statusLabel: z.string(),
  fixedByDefault: z.boolean(),
  overdue: z.boolean(),
  reporterLabel: z.string(),
  photos: z.array(ZPhoto),
  followers: z.number().int(),
  createdAt: ZDateOut,
  closedAt: ZDateOut.nullable(),
});
export type TPublicReportDto = z.infer<typeof ZPublicReportDto>;

export const ZReportHistoryItem = z.object({
  action: z.string(),
  label: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  actorName: z.string(),
  note: z.string(),
  photos: z.array(ZPhoto),
  at: ZDateOut,
});

const ZSla = z.object({
  clock: z.string(),
  acceptDueAt: ZDateOut.nullable(),
  arriveDueAt: ZDateOut.nullable(),
  resolveDueAt: ZDateOut.nullable(),
  escalation: z.number().int(),
  overdue: z.boolean(),
});

export const ZReportAbilities = z.object({
  accept: z.boolean(),
  dispatch: z.boolean(),
  reject: z.boolean(),
  mark_duplicate: z.boolean(),
  take: z.boolean(),
  arrive: z.boolean(),
  update: z.boolean(),
  transfer: z.boolean(),
  resolve: z.boolean(),
  close_not_fixed: z.boolean(),
  reopen: z.boolean(),
  reporter_reopen: z.boolean(),
  confirm: z.boolean(),
  follow: z.boolean(),
});
export type TReportAbilities = z.infer<typeof ZReportAbilities>;

/** The reporter's, followers' and staff's view: the public one plus the case file. */
export const ZReportDetailDto = ZPublicReportDto.extend({
  mine: z.boolean(),
  following: z.boolean(),
  anonymous: z.boolean(),
  /** Staff only (null for residents): who reported, even when anonymous to the public. */
  reporter: z.object({ id: z.string(), name: z.string() }).nullable(),
  attributes: z.record(z.string(), z.string()),
  grid: z.object({ id: z.string(), name: z.string() }).nullable(),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  handler: z.object({ id: z.string(), name: z.string() }).nullable(),
  duplicateOfId: z.string().nullable(),
  arrivedAt: ZDateOut.nullable(),
  resolvedAt: ZDateOut.nullable(),
  confirmation: z
    .object({ answer: z.enum(CONFIRM_ANSWERS), rating: z.number().nullable(), note: z.string(), at: ZDateOut })
    .nullable(),
  sla: ZSla,
  history: z.array(ZReportHistoryItem),
  abilities: ZReportAbilities,
});
export type TReportDetailDto = z.infer<typeof ZReportDetailDto>;

export const ZSubmitResult = z.object({
  outcome: z.enum(['routed', 'queued']),
  report: ZReportDetailDto,
});
export const ZReportChanged = z.object({ outcome: z.string(), report: ZReportDetailDto });
export const ZNearbyResult = z.object({ radiusM: z.number(), items: z.array(ZPublicReportDto.extend({ distanceM: z.number() })) });
export const ZPublicReportPage = zPage(ZPublicReportDto).extend({
  /** With `bbox`: more than REPORT_LIMITS.mapCountCap reports are in view; `total` stops there. */
  capped: z.boolean().optional(),
});
export const ZReportDetailPage = zPage(ZReportDetailDto);

export const ZPublicListQuery = ZPagination.extend({
  categoryCode: z.string().trim().max(40).optional(),
  status: z.enum(['open', 'closed', ...REPORT_STATUSES], { error: '状态无效' }).optional(),
  gridId: ZObjectId.optional(),
  /** The reports in the grids of this community (see GET /api/report-grids' `community`). */
  communityId: ZObjectId.optional(),
  /** minLng,minLat,maxLng,maxLat (GCJ-02). */
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, '范围格式应为 minLng,minLat,maxLng,maxLat')
    .optional(),
}).strict();
export type TPublicListQuery = z.infer<typeof ZPublicListQuery>;

export const ZClusterQuery = z.strictObject({
  bbox: z.string().regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, '范围格式应为 minLng,minLat,maxLng,maxLat'),
  /** Cells per side of the box. */
  cells: z.coerce.number().int().min(2).max(50).default(10),
  categoryCode: z.string().trim().max(40).optional(),
  status: z.enum(['open', 'closed'], { error: '状态无效' }).optional(),
});
export const ZClusterResult = z.object({
  clusters: z.array(z.object({ lng: z.number(), lat: z.number(), count: z.number().int(), overdue: z.number().int() })),
});

export const ZStaffQueueQuery = ZPagination.extend({
  queue: z.enum(['dispatch', 'mine', 'department', 'overdue', 'all'], { error: '队列无效' }).default('dispatch'),
}).strict();
export type TStaffQueueQuery = z.infer<typeof ZStaffQueueQuery>;

export const ZStatsQuery = z.strictObject({
  from: zIsoDate('开始时间格式不正确'),
  to: zIsoDate('结束时间格式不正确'),
  by: z.enum(['category', 'grid', 'department', 'day', 'month'], { error: '分组方式无效' }).default('category'),
});
export type TStatsQuery = z.infer<typeof ZStatsQuery>;

const ZRates = z.object({
  key: z.string(),
  label: z.string(),
  received: z.number().int(),
  closed: z.number().int(),
  fixed: z.number().int(),
  fixedByDefault: z.number().int(),
  notFixed: z.number().int(),
  onTime: z.number().int(),
  /** 办结率 = closed ÷ received; null when nothing was received. */
  processingRate: z.number().nullable(),
  fixedRate: z.number().nullable(),
  fixedByDefaultRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  avgAcceptMinutes: z.number().nullable(),
  avgArriveMinutes: z.number().nullable(),
  avgResolveMinutes: z.number().nullable(),
  avgRating: z.number().nullable(),
});
export type TReportRates = z.infer<typeof ZRates>;
export const ZStatsResult = z.object({ from: ZDateOut, to: ZDateOut, total: ZRates, rows: z.array(ZRates) });

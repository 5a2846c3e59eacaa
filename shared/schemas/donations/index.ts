/**
 * Charity donations (issue 13): charities (the merchants), projects, donation orders, refunds,
 * disbursements, the public ledger, receipts and reconciliation. Money is integer fen.
 */
import { z } from 'zod';
import { ZDateOut, ZObjectId, ZPagination, hasRealText, zIsoDate, zPage } from '../common';

export const DONATION_LIMITS = {
  /** 1 yuan to 50,000 yuan per donation. */
  minFen: 100,
  maxFen: 5_000_000,
  /** Preset amounts on the donate page, in fen. */
  presetsFen: [1000, 2000, 5000, 10000, 50000] as readonly number[],
  messageMax: 100,
  storyMax: 5000,
  titleMax: 40,
  goalMaxFen: 10_000_000_000,
  refundReasonMax: 80,
  purposeMax: 200,
  proofImagesMax: 6,
  coverMaxBytes: 5 * 1024 * 1024,
  /** A prepay (and the Idempotency-Key that created it) lives 2 h, as WeChat's prepay_id does. */
  prepayTtlMs: 2 * 3600_000,
} as const;

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`)
    .max(max, `${label}不能超过 ${max} 个字`)
    .refine(hasRealText, `${label}须包含文字`);

/** 统一社会信用代码: 18 characters of digits and upper-case letters except I, O, S, V, Z. */
export const USCC_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export const ZMerchantSettings = z.strictObject({
  mchId: z.string().trim().regex(/^\d{8,12}$/, '商户号应为 8–12 位数字'),
  serialNo: z.string().trim().regex(/^[0-9A-Fa-f]{8,40}$/, '证书序列号格式不正确'),
  privateKeyPath: z.string().trim().min(1, '请填写商户私钥文件路径').max(300),
  /** apiclient_cert.pem: its serial must be `serialNo` and its public key the private key's (checked on save and at start-up). */
  certPath: z.string().trim().min(1, '请填写商户证书文件路径').max(300),
  /** `env:NAME` (an environment variable) or `file:/path` (a file holding the 32-character key). */
  apiV3KeyRef: z.string().trim().regex(/^(env:[A-Z0-9_]{1,64}|file:\/.{1,300})$/, 'APIv3 密钥引用应为 env:变量名 或 file:/路径'),
  platformCertPath: z.string().trim().max(300).optional(),
  publicKeyId: z.string().trim().regex(/^PUB_KEY_ID_[0-9A-Za-z]{1,64}$/, '公钥 ID 格式不正确').optional(),
  publicKeyPath: z.string().trim().max(300).optional(),
  /** WeChat Pay's fee rate in basis points (0.6% = 60), recorded in the ledger for each payment. */
  feeRateBp: z.number().int().min(0, '费率不能为负').max(1000, '费率过高').default(60),
});
export type TMerchantSettings = z.infer<typeof ZMerchantSettings>;

export const ZCharityInput = z.strictObject({
  name: text('机构名称', 2, 60),
  uscc: z.string().trim().toUpperCase().regex(USCC_RE, '统一社会信用代码应为 18 位'),
  filingNumber: text('公开募捐备案编号', 4, 60),
  merchant: ZMerchantSettings,
});
export type TCharityInput = z.input<typeof ZCharityInput>;

export const ZCharityDto = z.object({
  id: z.string(),
  name: z.string(),
  uscc: z.string(),
  filingNumber: z.string(),
  /** Staff only; absent for the public. */
  mchId: z.string().optional(),
  createdAt: ZDateOut,
});
export type TCharityDto = z.infer<typeof ZCharityDto>;
export const ZCharityList = z.object({ items: z.array(ZCharityDto) });

export const PROJECT_STATUSES = ['draft', 'in_review', 'published', 'closed'] as const;
export type TProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_LABELS: Record<TProjectStatus, string> = {
  draft: '草稿',
  in_review: '审核中',
  published: '募捐中',
  closed: '已结束',
};

export const ZProjectInput = z
  .strictObject({
    charityId: ZObjectId,
    title: text('项目名称', 2, DONATION_LIMITS.titleMax),
    story: text('项目介绍', 10, DONATION_LIMITS.storyMax),
    coverId: ZObjectId.optional(),
    goalFen: z
      .number({ error: '请填写目标金额' })
      .int('金额以分为单位，应为整数')
      .min(100, '目标金额至少 1 元')
      .max(DONATION_LIMITS.goalMaxFen, '目标金额过大'),
    startAt: zIsoDate(),
    endAt: zIsoDate(),
  })
  .refine((p) => p.endAt.getTime() > p.startAt.getTime(), { path: ['endAt'], message: '结束时间应晚于开始时间' });
export type TProjectInput = z.input<typeof ZProjectInput>;

export const ZProjectTotals = z.object({
  raisedFen: z.number().int(),
  refundedFen: z.number().int(),
  disbursedFen: z.number().int(),
  feeFen: z.number().int(),
  /** raised − refunded − disbursed − fees. */
  balanceFen: z.number().int(),
  donorCount: z.number().int(),
  donationCount: z.number().int(),
});

export const ZProjectDto = z.object({
  id: z.string(),
  title: z.string(),
  story: z.string(),
  coverUrl: z.string().nullable(),
  goalFen: z.number().int(),
  startAt: ZDateOut,
  endAt: ZDateOut,
  status: z.enum(PROJECT_STATUSES),
  statusLabel: z.string(),
  /** 0–100, for the progress bar. */
  progressPercent: z.number(),
  daysLeft: z.number().int(),
  charity: z.object({ id: z.string(), name: z.string(), uscc: z.string(), filingNumber: z.string() }),
  /** The sentence the page must show (public fundraising is run by the charity under its filing). */
  fundraisingNotice: z.string(),
  totals: ZProjectTotals,
  reviewNote: z.string().nullable(),
  abilities: z.object({ donate: z.boolean(), edit: z.boolean(), publish: z.boolean(), close: z.boolean() }),
});
export type TProjectDto = z.infer<typeof ZProjectDto>;
export const ZProjectPage = zPage(ZProjectDto);
export const ZProjectListQuery = ZPagination.extend({
  status: z.enum(PROJECT_STATUSES, { error: '状态无效' }).optional(),
});
export type TProjectListQuery = z.infer<typeof ZProjectListQuery>;
export const ZIdParams = z.strictObject({ id: ZObjectId });
export type TIdParams = z.infer<typeof ZIdParams>;

export const ZCoverUpload = z.object({ id: z.string(), url: z.string(), bytes: z.number().int() });

export const DONATION_CHANNELS = ['jsapi', 'native'] as const;
export const ZDonateInput = z.strictObject({
  amountFen: z
    .number({ error: '请填写捐赠金额' })
    .int('金额以分为单位，应为整数')
    .min(DONATION_LIMITS.minFen, `单笔捐赠至少 ${DONATION_LIMITS.minFen / 100} 元`)
    .max(DONATION_LIMITS.maxFen, `单笔捐赠不能超过 ${DONATION_LIMITS.maxFen / 100} 元`),
  message: z.string().trim().max(DONATION_LIMITS.messageMax, `留言不能超过 ${DONATION_LIMITS.messageMax} 个字`).optional(),
  anonymous: z.boolean().default(false),
  /** jsapi on weapp (wx.requestPayment); native on H5 (a QR code of code_url). */
  channel: z.enum(DONATION_CHANNELS, { error: '支付方式无效' }),
});
export type TDonateInput = z.input<typeof ZDonateInput>;

export const ORDER_STATUSES = ['pending', 'paid', 'closed'] as const;
export const ORDER_STATUS_LABELS: Record<(typeof ORDER_STATUSES)[number], string> = {
  pending: '待支付',
  paid: '已支付',
  closed: '已关闭',
};

export const ZPayParams = z.object({
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.literal('RSA'),
  paySign: z.string(),
});

export const ZDonationDto = z.object({
  id: z.string(),
  outTradeNo: z.string(),
  project: z.object({ id: z.string(), title: z.string() }),
  charityName: z.string(),
  amountFen: z.number().int(),
  refundedFen: z.number().int(),
  message: z.string().nullable(),
  anonymous: z.boolean(),
  channel: z.enum(DONATION_CHANNELS),
  status: z.enum(ORDER_STATUSES),
  statusLabel: z.string(),
  createdAt: ZDateOut,
  paidAt: ZDateOut.nullable(),
  receiptSerial: z.string().nullable(),
});
export type TDonationDto = z.infer<typeof ZDonationDto>;
export const ZDonationPage = zPage(ZDonationDto);

export const ZOrderCreated = z.object({
  donation: ZDonationDto,
  /** jsapi: the signed wx.requestPayment parameters. */
  payParams: ZPayParams.nullable(),
  /** native: the code_url to show as a QR code. */
  codeUrl: z.string().nullable(),
  prepayExpiresAt: ZDateOut,
});
export type TOrderCreated = z.infer<typeof ZOrderCreated>;

export const ZRefundInput = z.strictObject({
  amountFen: z.number({ error: '请填写退款金额' }).int('金额以分为单位，应为整数').min(1, '退款金额至少 1 分'),
  reason: text('退款原因', 2, DONATION_LIMITS.refundReasonMax),
});
export type TRefundInput = z.input<typeof ZRefundInput>;
export const REFUND_STATUSES = ['processing', 'succeeded', 'failed'] as const;
export const ZRefundDto = z.object({
  id: z.string(),
  outRefundNo: z.string(),
  donationId: z.string(),
  amountFen: z.number().int(),
  reason: z.string(),
  status: z.enum(REFUND_STATUSES),
  createdAt: ZDateOut,
  succeededAt: ZDateOut.nullable(),
});
export const ZRefundCreated = z.object({ refund: ZRefundDto, donation: ZDonationDto });
export const ZRefundList = z.object({ items: z.array(ZRefundDto) });

export const ZAdminDonationDto = ZDonationDto.extend({
  donorMasked: z.string(),
  needsReview: z.boolean(),
  transactionId: z.string().nullable(),
});
export const ZAdminDonationPage = zPage(ZAdminDonationDto);
export const ZAdminDonationQuery = ZPagination.extend({ projectId: ZObjectId.optional(), needsReview: z.enum(['true', 'false']).optional() });

export const ZDisbursementInput = z.strictObject({
  amountFen: z.number({ error: '请填写拨付金额' }).int('金额以分为单位，应为整数').min(1, '拨付金额至少 1 分'),
  purpose: text('用途', 2, DONATION_LIMITS.purposeMax),
  proofImageIds: z.array(ZObjectId).min(1, '请上传至少一张凭证图片').max(DONATION_LIMITS.proofImagesMax, `凭证图片最多 ${DONATION_LIMITS.proofImagesMax} 张`),
  disbursedAt: zIsoDate(),
});
export type TDisbursementInput = z.input<typeof ZDisbursementInput>;

export const LEDGER_KINDS = ['donation', 'refund', 'disbursement', 'fee'] as const;
export const LEDGER_KIND_LABELS: Record<(typeof LEDGER_KINDS)[number], string> = {
  donation: '捐赠',
  refund: '退款',
  disbursement: '拨付',
  fee: '支付手续费',
};
export const ZLedgerEntryDto = z.object({
  id: z.string(),
  kind: z.enum(LEDGER_KINDS),
  kindLabel: z.string(),
  amountFen: z.number().int(),
  /** 爱心人士 when anonymous; a masked name otherwise; 已注销用户 after account deletion. */
  donorName: z.string().nullable(),
  message: z.string().nullable(),
  purpose: z.string().nullable(),
  proofImageUrls: z.array(z.string()),
  at: ZDateOut,
});
export const ZLedgerPage = zPage(ZLedgerEntryDto).extend({ totals: ZProjectTotals });
export const ZLedgerQuery = ZPagination.extend({ kind: z.enum(LEDGER_KINDS).optional() });

export const ZReceiptVerification = z.object({
  serial: z.string(),
  valid: z.boolean(),
  projectTitle: z.string().nullable(),
  charityName: z.string().nullable(),
  filingNumber: z.string().nullable(),
  amountFen: z.number().int().nullable(),
  refundedFen: z.number().int().nullable(),
  paidAt: ZDateOut.nullable(),
  label: z.literal('捐赠确认'),
});
export const ZReceiptParams = z.strictObject({ serial: z.string().trim().toUpperCase().regex(/^DN-\d{8}-[0-9A-Z]{10}$/, '确认编号格式不正确') });

export const ZReconcileQuery = z.strictObject({
  charityId: ZObjectId,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
});
export const RECONCILE_KINDS = ['missing_locally', 'missing_at_wechat', 'amount_differs'] as const;
export const RECONCILE_KIND_LABELS: Record<(typeof RECONCILE_KINDS)[number], string> = {
  missing_locally: '本地缺失',
  missing_at_wechat: '微信侧缺失',
  amount_differs: '金额不一致',
};
export const ZReconcileReport = z.object({
  date: z.string(),
  charityId: z.string(),
  wechatCount: z.number().int(),
  localCount: z.number().int(),
  wechatTotalFen: z.number().int(),
  localTotalFen: z.number().int(),
  differences: z.array(
    z.object({
      kind: z.enum(RECONCILE_KINDS),
      kindLabel: z.string(),
      outTradeNo: z.string(),
      wechatFen: z.number().int().nullable(),
      localFen: z.number().int().nullable(),
    }),
  ),
});
export type TReconcileReport = z.infer<typeof ZReconcileReport>;

/**
 * A charity's merchant settings as a district admin sees them: the paths and references as
 * stored, and for the key material only fingerprints (SHA-256) and what loading it found. The
 * keys themselves never leave the server.
 */
export const ZMerchantView = z.object({
  charityId: z.string(),
  mchId: z.string(),
  serialNo: z.string(),
  privateKeyPath: z.string(),
  certPath: z.string().nullable(),
  apiV3KeyRef: z.string(),
  platformCertPath: z.string().nullable(),
  publicKeyId: z.string().nullable(),
  publicKeyPath: z.string().nullable(),
  feeRateBp: z.number().int(),
  /** How notifications are verified: the platform certificate, the 微信支付公钥, or certificates downloaded from WeChat. */
  verifyWith: z.enum(['platform_cert', 'public_key', 'download']),
  fingerprints: z.object({
    privateKey: z.string().nullable(),
    /** The merchant API certificate (apiclient_cert.pem). */
    merchantCert: z.object({ serial: z.string(), validTo: z.string() }).nullable(),
    apiV3Key: z.string().nullable(),
    platformCert: z.object({ serial: z.string(), sha256: z.string(), validTo: z.string() }).nullable(),
    publicKey: z.string().nullable(),
  }),
  /** What could not be read or loaded, by field (empty: every key loads). */
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
  /** Where the private key does not belong to the certificate or serial (merchant_key_mismatch); empty when they match or cannot be told. */
  mismatches: z.array(z.object({ path: z.string(), message: z.string() })),
  version: z.number().int(),
});
export type TMerchantView = z.infer<typeof ZMerchantView>;

export const ANOMALY_REASONS = ['unknown_order', 'mchid_mismatch', 'appid_mismatch', 'amount_mismatch', 'refund_mismatch'] as const;
export const ANOMALY_REASON_LABELS: Record<(typeof ANOMALY_REASONS)[number], string> = {
  unknown_order: '本地无此订单',
  mchid_mismatch: '商户号不符',
  appid_mismatch: 'AppID 不符',
  amount_mismatch: '金额不符',
  refund_mismatch: '退款通知不符',
};
export const ZAnomalyDto = z.object({
  id: z.string(),
  reason: z.enum(ANOMALY_REASONS),
  reasonLabel: z.string(),
  outTradeNo: z.string().nullable(),
  transactionId: z.string().nullable(),
  detail: z.string(),
  at: ZDateOut,
  /** Set once a district admin has looked into it (已处理) and said what was done. */
  handled: z.object({ note: z.string(), by: z.string(), at: ZDateOut }).nullable(),
});
export type TAnomalyDto = z.infer<typeof ZAnomalyDto>;
/** 已处理: what the admin found or did (refunded at WeChat, matched by hand, …). */
export const ZAnomalyHandleInput = z.strictObject({ note: text('处理说明', 2, 200) });
export type TAnomalyHandleInput = z.input<typeof ZAnomalyHandleInput>;
export const ZAnomalyPage = zPage(ZAnomalyDto);

export const ZDonationConfig = z.object({
  minFen: z.number().int(),
  maxFen: z.number().int(),
  presetsFen: z.array(z.number().int()),
});

/** Yuan text for fen: 12345 → "123.45". */
export const fenToYuan = (fen: number): string => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

import { z } from 'zod';
import { ZDateOut, ZObjectId, ZPagination, hasRealText, zIsoDate, zPage } from '../common';

/** Notice categories: what a district or community publishes. */
export const NOTICE_CATEGORIES = ['announcement', 'alert', 'service', 'activity', 'policy'] as const;
export type TNoticeCategory = (typeof NOTICE_CATEGORIES)[number];
export const NOTICE_CATEGORY_LABELS: Record<TNoticeCategory, string> = {
  announcement: '通知公告',
  alert: '预警提示',
  service: '便民服务',
  activity: '社区活动',
  policy: '政策解读',
};

/** pending_review (the keyword list held it for 内容审核) → published | rejected; published → withdrawn. */
export const NOTICE_STATUSES = ['pending_review', 'published', 'rejected', 'withdrawn'] as const;
export type TNoticeStatus = (typeof NOTICE_STATUSES)[number];
export const NOTICE_STATUS_LABELS: Record<TNoticeStatus, string> = {
  pending_review: '审核中',
  published: '已发布',
  rejected: '未通过',
  withdrawn: '已撤回',
};

export const NOTICE_LIMITS = { title: 60, bodyChars: 20_000, attachments: 5, communities: 50 } as const;

/**
 * Uploaded notice files: photos (camera or album; re-encoded, no metadata) and documents
 * (PDF, Word, Excel, PowerPoint; sniffed by their bytes, stored privately, served as downloads
 * to whoever may read the notice).
 */
export const NOTICE_FILE_LIMITS = {
  imageBytes: 5 * 1024 * 1024,
  documentBytes: 10 * 1024 * 1024,
  name: 80,
  documentExtensions: ['pdf', 'docx', 'xlsx', 'pptx'],
} as const;
export const NOTICE_FILE_KINDS = ['image', 'document'] as const;
export type TNoticeFileKind = (typeof NOTICE_FILE_KINDS)[number];

export const ZNoticeFileName = z
  .string({ error: '请提供文件名' })
  .trim()
  .min(1, '请提供文件名')
  .max(NOTICE_FILE_LIMITS.name, `文件名不能超过 ${NOTICE_FILE_LIMITS.name} 个字`);
export const ZNoticeFileQuery = z.strictObject({ name: ZNoticeFileName.default('附件') });
export type TNoticeFileQuery = z.infer<typeof ZNoticeFileQuery>;
export const ZNoticeFileParams = z.strictObject({ fileId: ZObjectId });
export type TNoticeFileParams = z.infer<typeof ZNoticeFileParams>;
export const ZNoticeFileServeQuery = z.strictObject({ size: z.enum(['full', 'thumb'], { error: '尺寸只能是 full 或 thumb' }).optional() });
export type TNoticeFileServeQuery = z.infer<typeof ZNoticeFileServeQuery>;

/** An uploaded file, as the upload answers it and the form keeps it until publishing. */
export const ZNoticeFileDto = z.object({
  id: z.string(),
  kind: z.enum(NOTICE_FILE_KINDS),
  name: z.string(),
  mime: z.string(),
  bytes: z.number().int(),
  url: z.string(),
  /** 480 px WebP for images; null for documents. */
  thumbUrl: z.string().nullable(),
});
export type TNoticeFileDto = z.infer<typeof ZNoticeFileDto>;

/** One attachment: an https link, or a file uploaded first (POST /api/admin/notice-files). */
export const ZNoticeAttachment = z
  .strictObject({
    name: z.string({ error: '请填写附件名称' }).trim().min(1, '请填写附件名称').max(NOTICE_FILE_LIMITS.name, `附件名称不能超过 ${NOTICE_FILE_LIMITS.name} 个字`),
    url: z
      .string({ error: '请填写附件链接' })
      .trim()
      .max(500, '附件链接过长')
      .regex(/^https:\/\/[^\s<>"]+$/, '附件链接须为 https 地址')
      .optional(),
    fileId: ZObjectId.optional(),
  })
  .superRefine((a, ctx) => {
    if ((a.url === undefined) === (a.fileId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: '附件须为一个 https 链接或一个已上传的文件' });
    }
  });

export const ZNoticeInput = z.strictObject({
  title: z
    .string({ error: '请填写标题' })
    .trim()
    .min(2, '标题至少 2 个字')
    .max(NOTICE_LIMITS.title, `标题不能超过 ${NOTICE_LIMITS.title} 个字`)
    .refine(hasRealText, '标题须包含文字'),
  /** Rich text (HTML); the server keeps a safe subset (sanitize-html) and checks the plain text. */
  body: z
    .string({ error: '请填写正文' })
    .min(1, '请填写正文')
    .max(NOTICE_LIMITS.bodyChars, `正文不能超过 ${NOTICE_LIMITS.bodyChars} 个字符`),
  category: z.enum(NOTICE_CATEGORIES, { error: '公告类别无效' }),
  /** Empty: the whole district. */
  communityIds: z.array(ZObjectId).max(NOTICE_LIMITS.communities, '所选社区过多').default([]),
  pinned: z.boolean().default(false),
  urgent: z.boolean().default(false),
  expiresAt: zIsoDate('失效时间格式不正确').optional(),
  attachments: z.array(ZNoticeAttachment).max(NOTICE_LIMITS.attachments, `附件最多 ${NOTICE_LIMITS.attachments} 个`).default([]),
});
export type TNoticeInput = z.input<typeof ZNoticeInput>;
export type TNoticeInputParsed = z.output<typeof ZNoticeInput>;

export const ZNoticeIdParams = z.strictObject({ id: ZObjectId });
export type TNoticeIdParams = z.infer<typeof ZNoticeIdParams>;

export const ZNoticeListQuery = ZPagination.extend({
  communityId: ZObjectId.optional(),
  category: z.enum(NOTICE_CATEGORIES, { error: '公告类别无效' }).optional(),
});
export type TNoticeListQuery = z.infer<typeof ZNoticeListQuery>;

export const ZAdminNoticeQuery = ZPagination.extend({
  status: z.enum(NOTICE_STATUSES, { error: '状态无效' }).optional(),
});
export type TAdminNoticeQuery = z.infer<typeof ZAdminNoticeQuery>;

export const ZNoticeAbilities = z.object({ update: z.boolean(), withdraw: z.boolean() });

export const ZNoticeSummary = z.object({
  id: z.string(),
  title: z.string(),
  category: z.enum(NOTICE_CATEGORIES),
  categoryLabel: z.string(),
  pinned: z.boolean(),
  urgent: z.boolean(),
  /** True when the notice is addressed to the asking resident's community. */
  forMyCommunity: z.boolean(),
  communityNames: z.array(z.string()),
  publishedAt: ZDateOut.nullable(),
  expiresAt: ZDateOut.nullable(),
  readCount: z.number().int(),
  excerpt: z.string(),
});
export type TNoticeSummary = z.infer<typeof ZNoticeSummary>;

export const ZNoticeDetail = ZNoticeSummary.extend({
  /** Sanitized HTML (safe subset): render as rich text. */
  body: z.string(),
  attachments: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['link', ...NOTICE_FILE_KINDS]),
      /** https link, or this server's file address ('/api/notice-files/…'). */
      url: z.string(),
      thumbUrl: z.string().nullable(),
      fileId: z.string().nullable(),
      bytes: z.number().int().nullable(),
    }),
  ),
  /** Last edit after publishing (已修改), null when never edited. */
  editedAt: ZDateOut.nullable(),
  status: z.enum(NOTICE_STATUSES),
  statusLabel: z.string(),
  communityIds: z.array(z.string()),
  abilities: ZNoticeAbilities,
});
export type TNoticeDetail = z.infer<typeof ZNoticeDetail>;

export const ZNoticePage = zPage(ZNoticeSummary);
export const ZNoticeDetailPage = zPage(ZNoticeDetail);
export const ZNoticeChanged = z.object({
  outcome: z.enum(['published', 'held_for_review', 'updated', 'withdrawn']),
  notice: ZNoticeDetail,
});
export type TNoticeChanged = z.infer<typeof ZNoticeChanged>;

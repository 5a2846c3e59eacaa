import { z } from 'zod';

/** 24-hex ObjectId as a string. */
export const ZObjectId = z.string().regex(/^[0-9a-f]{24}$/i, '编号格式不正确');

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * An ISO 8601 date (`2027-01-31`) or date-time with its offset, as a Date. Only strings: a JSON
 * array or number is not a date (`z.coerce.date` took `[2027]` for 1 January 2027).
 */
export const zIsoDate = (message = '时间格式不正确，应为 ISO 8601') =>
  z
    .string({ error: message })
    .refine((s) => ISO_8601.test(s) && !Number.isNaN(Date.parse(s)), message)
    .transform((s) => new Date(s));

/** At least one letter (any script) or digit: a title of only emoji, punctuation or spaces says nothing. */
export const hasRealText = (s: string) => /[\p{L}\p{N}]/u.test(s);

export const ZPagination = z.object({
  page: z.coerce.number().int().min(1, '页码至少为 1').default(1),
  pageSize: z.coerce.number().int().min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(20),
});
export type TPagination = z.infer<typeof ZPagination>;

export const ZGeoPoint = z.object({
  lng: z.number().min(-180, '经度超出范围').max(180, '经度超出范围'),
  lat: z.number().min(-90, '纬度超出范围').max(90, '纬度超出范围'),
});
export type TGeoPoint = z.infer<typeof ZGeoPoint>;

/*
 * Response building blocks. Route response schemas (declared next to their inputs in `shared/`)
 * feed OpenAPI, the client's types (`z.infer`) and the test-mode check of every JSON answer.
 */

/** A timestamp as the client receives it: ISO 8601 in UTC (`Date.toJSON()`). */
export const ZDateOut = z.iso.datetime();
/** One page of a list: the items and the paging the client asked for. */
export const zPage = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
/** The body type a response schema describes, for the client's requests. */
export type TOut<S extends z.ZodType> = z.output<S>;
/** The answer of a route that succeeds with 204 and no body. */
export const ZNoContent = z.undefined().describe('204 无内容');

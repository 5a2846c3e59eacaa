/**
 * Response types of the API, inferred from the routes' response schemas in shared/ (the same
 * schemas OpenAPI shows and the server's tests check every answer against).
 */
import type { TOut } from '@shared/schemas/common';
import type { ZNotificationDto, ZNotificationList } from '@shared/schemas/notifications';
import type { ZPersonalDataDto, ZUserEnvelope, TUserDto } from '@shared/schemas/auth';

export type { TUserDto, TLoginResult } from '@shared/schemas/auth';
export type { TClientConfig, TPrivacyPolicy } from '@shared/schemas/system';

export type TUserEnvelope = TOut<typeof ZUserEnvelope>;

/** A list answer's items and total (lists that page also echo page and pageSize). */
export interface TPage<T> {
  items: T[];
  total: number;
}

export type TNotification = TOut<typeof ZNotificationDto>;
export type TNotificationPage = TOut<typeof ZNotificationList>;

export type TSubscribeResult = 'accept' | 'reject' | 'ban' | 'filter';

export type { TAuditEntryDto as TAuditEntry } from '@shared/schemas/audit';

export type TPersonalData = TOut<typeof ZPersonalDataDto>;

/** Admin views may carry account state the resident DTO does not. */
export type TAdminUserDto = TUserDto;

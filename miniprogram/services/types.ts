/** Response shapes of the API (see /api/openapi.json) that have no zod schema in shared/. */
import type { TUserDto } from '@shared/schemas/auth';

export type { TUserDto, TLoginResult } from '@shared/schemas/auth';

export interface TClientConfig {
  privacyPolicyVersion: string;
  subscribeTemplates: Record<string, string>;
  devLogin: boolean;
}

export interface TPrivacyPolicy {
  version: string;
  title: string;
  body: string;
}

export interface TUserEnvelope {
  user: TUserDto;
}

export interface TPage<T> {
  items: T[];
  total: number;
}

export interface TNotification {
  id: string;
  title: string;
  body: string;
  link?: string;
  readAt?: string | null;
  createdAt: string;
}

export interface TNotificationPage extends TPage<TNotification> {
  unread: number;
}

export type TSubscribeResult = 'accept' | 'reject' | 'ban' | 'filter';

export type { TAuditEntryDto as TAuditEntry } from '@shared/schemas/audit';

export interface TPersonalData {
  realName: string | null;
  phone: string | null;
  idNumberMasked: string | null;
}

/** Admin views may carry account state the resident DTO does not. */
export type TAdminUserDto = TUserDto;

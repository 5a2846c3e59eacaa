import type { Types } from 'mongoose';
import type { AppDeps } from '../../deps';

/**
 * Per-module hooks for PIPL requests. The export already includes, generically,
 * every document of every model whose schema references the user (`ref: 'User'`).
 * A module adds a section here when it holds personal data that must be erased
 * or anonymised on account deletion (e.g. a signup's contact phone), or when its
 * export needs a friendlier shape. One line per module.
 */
export interface PersonalDataSection {
  name: string;
  /** Optional custom export (replaces the generic dump of the listed collections). */
  export?: (userId: Types.ObjectId) => Promise<unknown>;
  /** Models (mongoose names) the custom export covers, skipped by the generic dump. */
  covers?: string[];
  /** Erase or anonymise this module's personal data about the user. Must be idempotent. */
  erase?: (userId: Types.ObjectId, now: Date, deps: AppDeps) => Promise<void>;
}

export const PERSONAL_DATA_SECTIONS: PersonalDataSection[] = [];

export function registerPersonalDataSection(section: PersonalDataSection): void {
  if (!PERSONAL_DATA_SECTIONS.some((s) => s.name === section.name)) PERSONAL_DATA_SECTIONS.push(section);
}

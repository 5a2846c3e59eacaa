/**
 * Volunteering constants the first screens need (category labels, the search box's limit, which
 * signups are active, the photo size), in a module without zod: importing them from the schema
 * files would put the validation library on the home page, the activity list and an activity's
 * page, which have no forms to validate (issue 15). The schema files re-export them.
 */

export const ACTIVITY_CATEGORIES = [
  'community_service',
  'elderly_care',
  'child_care',
  'environment',
  'culture',
  'health',
  'emergency',
  'legal_aid',
  'other',
] as const;
export type TActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];
export const ACTIVITY_CATEGORY_LABELS: Record<TActivityCategory, string> = {
  community_service: '社区服务',
  elderly_care: '助老服务',
  child_care: '关爱儿童',
  environment: '环境保护',
  culture: '文化宣传',
  health: '医疗健康',
  emergency: '应急救援',
  legal_aid: '法律援助',
  other: '其他',
};

export const VOLUNTEERING_LIMITS = {
  tagsMax: 20,
  serviceAreasMax: 10,
  availabilityMax: 21,
  shiftsMax: 20,
  capacityMax: 10000,
  titleMax: 60,
  descriptionMax: 5000,
  reasonMax: 500,
  radiusMinM: 50,
  radiusMaxM: 5000,
  nearbyMaxKm: 50,
  /** Activity search words (GET /api/activities?q=). */
  searchMax: 30,
} as const;

/** Statuses that hold a place or a queue position (and a slot in the volunteer's schedule). */
export const ACTIVE_SIGNUP_STATUSES = ['pending_approval', 'confirmed', 'waitlisted', 'offered'] as const;

export const GALLERY_MAX_BYTES = 5 * 1024 * 1024;

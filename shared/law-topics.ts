/**
 * Law-library topics (issue 14). Clinic topics and report categories link to the library with
 * these codes (`appLinks.lawTopic(code)`), so the list lives in shared/ where every side reads it.
 */
export const LAW_TOPICS = ['marriage_family', 'labour', 'consumer', 'traffic', 'mediation', 'neighbour', 'housing'] as const;
export type TLawTopic = (typeof LAW_TOPICS)[number];

export const LAW_TOPIC_LABELS: Record<TLawTopic, string> = {
  marriage_family: '婚姻家庭',
  labour: '劳动就业',
  consumer: '消费维权',
  traffic: '交通事故',
  mediation: '人民调解',
  neighbour: '相邻关系',
  housing: '物业与住房',
};

/**
 * Which law-library topic explains a clinic consultation topic or a report category, for the
 * small 相关法规 link on the booking and report forms. Codes without a fitting topic have none.
 */
export const CLINIC_TOPIC_LAW_TOPIC: Readonly<Record<string, TLawTopic>> = {
  marriage_family: 'marriage_family',
  inheritance: 'marriage_family',
  labour: 'labour',
  tenancy: 'housing',
  neighbour: 'neighbour',
  consumer: 'consumer',
  traffic: 'traffic',
};

/** Report category codes (the district's taxonomy; unknown codes simply get no link). */
export const REPORT_CATEGORY_LAW_TOPIC: Readonly<Record<string, TLawTopic>> = {
  dispute: 'mediation',
  construction_noise: 'neighbour',
};

/** The law topic for a clinic topic or report category code, if one fits. */
export const lawTopicFor = (map: Readonly<Record<string, TLawTopic>>, code: string | null | undefined): TLawTopic | undefined =>
  code && Object.prototype.hasOwnProperty.call(map, code) ? map[code] : undefined;

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

/**
 * Report categories are created by district admins at run time, so a new code is not in
 * REPORT_CATEGORY_LAW_TOPIC. Its group or label still says what it is about: these words pick
 * the topic then (first match wins; the code's own entry always comes first).
 */
const REPORT_WORDS_LAW_TOPIC: readonly [RegExp, TLawTopic][] = [
  [/纠纷|调解|矛盾/, 'mediation'],
  [/噪音|噪声|扰民|相邻|采光|漏水|违建|违章搭建/, 'neighbour'],
  [/物业|住房|房屋|租赁|电梯/, 'housing'],
  [/消费|商家|价格|食品安全/, 'consumer'],
  [/交通|车辆|停车|事故/, 'traffic'],
  [/欠薪|工资|劳动|用工/, 'labour'],
  [/家暴|赡养|抚养|婚姻/, 'marriage_family'],
];

/** The law topic for a report category: its code's entry, else one its group or label names. */
export function reportCategoryLawTopic(c: { code: string; group?: string | null; label?: string | null }): TLawTopic | undefined {
  const byCode = lawTopicFor(REPORT_CATEGORY_LAW_TOPIC, c.code);
  if (byCode) return byCode;
  const words = `${c.group ?? ''} ${c.label ?? ''}`;
  return REPORT_WORDS_LAW_TOPIC.find(([re]) => re.test(words))?.[1];
}

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

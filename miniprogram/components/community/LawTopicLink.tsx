import { Text } from '@tarojs/components';
import { appLinks } from '@shared/links';
import { LAW_TOPIC_LABELS, lawTopicFor, type TLawTopic } from '@shared/law-topics';
import { go } from '../../services/nav';

type Props =
  | {
      /** CLINIC_TOPIC_LAW_TOPIC or REPORT_CATEGORY_LAW_TOPIC (shared/law-topics.ts). */
      map: Readonly<Record<string, TLawTopic>>;
      /** The chosen clinic topic or report category; nothing shows when it has no law topic. */
      code: string | null | undefined;
    }
  | {
      /** Already worked out (reportCategoryLawTopic for categories the district added). */
      topic: TLawTopic | undefined;
    };

/** 相关法规：<topic> — opens the law library on that topic (one line in the form that shows it). */
export function LawTopicLink(props: Props) {
  const topic = 'topic' in props ? props.topic : lawTopicFor(props.map, props.code);
  if (!topic) return null;
  return (
    <Text className="link" id="law-topic-link" onClick={() => go(appLinks.lawTopic(topic))}>
      相关法规：{LAW_TOPIC_LABELS[topic]} ›
    </Text>
  );
}

// Re-exported so a page adds the link with one import.
export { CLINIC_TOPIC_LAW_TOPIC, REPORT_CATEGORY_LAW_TOPIC, reportCategoryLawTopic } from '@shared/law-topics';

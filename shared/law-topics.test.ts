import { CLINIC_TOPICS } from './schemas/clinic/clinics';
import { CLINIC_TOPIC_LAW_TOPIC, LAW_TOPICS, REPORT_CATEGORY_LAW_TOPIC, lawTopicFor } from './law-topics';

describe('law-topic links from clinic topics and report categories', () => {
  it('when a clinic topic is mapped, it is a real clinic topic and points at a real law topic', () => {
    for (const [code, topic] of Object.entries(CLINIC_TOPIC_LAW_TOPIC)) {
      expect(CLINIC_TOPICS).toContain(code);
      expect(LAW_TOPICS).toContain(topic);
    }
    for (const topic of Object.values(REPORT_CATEGORY_LAW_TOPIC)) expect(LAW_TOPICS).toContain(topic);
  });

  it('when the code has no mapping, is empty or names an Object member, there is no link', () => {
    expect(lawTopicFor(CLINIC_TOPIC_LAW_TOPIC, 'tenancy')).toBe('housing');
    expect(lawTopicFor(REPORT_CATEGORY_LAW_TOPIC, 'dispute')).toBe('mediation');
    expect(lawTopicFor(CLINIC_TOPIC_LAW_TOPIC, 'other')).toBeUndefined();
    expect(lawTopicFor(REPORT_CATEGORY_LAW_TOPIC, '')).toBeUndefined();
    expect(lawTopicFor(REPORT_CATEGORY_LAW_TOPIC, 'toString')).toBeUndefined();
  });
});

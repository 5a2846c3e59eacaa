import { CLINIC_TOPICS } from './schemas/clinic/clinics';
import { CLINIC_TOPIC_LAW_TOPIC, LAW_TOPICS, REPORT_CATEGORY_LAW_TOPIC, lawTopicFor, reportCategoryLawTopic } from './law-topics';

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

describe('report categories added by the district', () => {
  test('when a category has no entry of its own, its group or label picks the law topic; a code entry wins; nothing fitting gives none', () => {
    expect(reportCategoryLawTopic({ code: 'elevator_broken', group: '物业管理', label: '电梯故障' })).toBe('housing');
    expect(reportCategoryLawTopic({ code: 'night_noise', group: '环境', label: '夜间噪音扰民' })).toBe('neighbour');
    expect(reportCategoryLawTopic({ code: 'wage_arrears', label: '拖欠农民工工资' })).toBe('labour');
    expect(reportCategoryLawTopic({ code: 'dispute', group: '物业管理', label: '矛盾纠纷' })).toBe('mediation');
    expect(reportCategoryLawTopic({ code: 'litter', group: '市容环境', label: '暴露垃圾' })).toBeUndefined();
  });
});

import { ROUTES } from './routes';

export interface TDomainEntry {
  key: string;
  title: string;
  description: string;
  /** Set only when the page exists; entries without one render as 即将开放. */
  url?: string;
}

/** Home entries. A later issue that ships a domain sets its `url`. */
export const DOMAIN_ENTRIES: TDomainEntry[] = [
  { key: 'activities', title: '志愿活动', description: '查找附近活动、报名与签到', url: ROUTES.activities },
  { key: 'legal', title: '法律服务', description: '预约社区法律咨询', url: ROUTES.clinicList },
  { key: 'report', title: '随手拍', description: '上报社区问题，跟踪处理进度', url: ROUTES.reportNew },
  { key: 'charity', title: '公益捐赠', description: '支持公益项目，账目公开可查', url: ROUTES.charityProjects },
  // community (issue 14)
  { key: 'notices', title: '社区公告', description: '通知公告与紧急提醒', url: ROUTES.notices },
  { key: 'nearby', title: '生活圈', description: '15 分钟内的便民服务', url: ROUTES.nearby },
  { key: 'laws', title: '法规库', description: '常用法律条文与以案说法', url: ROUTES.laws },
  // volunteering (issue 16): approved help requests, public
  { key: 'help', title: '大家的求助', description: '看看邻居需要什么帮助', url: ROUTES.helpPublic },
];

/** 早上好 / 中午好 / 下午好 / 晚上好 by the hour in Asia/Shanghai (UTC+8, no DST). */
export function greetingFor(now: Date = new Date()): string {
  const hour = (now.getUTCHours() + 8) % 24;
  if (hour >= 5 && hour < 11) return '早上好';
  if (hour >= 11 && hour < 13) return '中午好';
  if (hour >= 13 && hour < 18) return '下午好';
  return '晚上好';
}

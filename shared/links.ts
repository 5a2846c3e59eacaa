/**
 * App page paths the server puts in notifications, share cards and QR codes.
 * One table, so a page move is one edit and the links cannot drift from the app.
 */
export const appLinks = {
  activity: (id: string): string => `/packages/volunteer/activity/index?id=${id}`,
  mySignups: (signupId?: string): string => `/packages/volunteer/my/index${signupId ? `?signup=${signupId}` : ''}`,
  team: (id: string): string => `/packages/volunteer/team/index?id=${id}`,
  helpRequest: (id: string): string => `/packages/volunteer/help/index?id=${id}`,
  // certificates (issue 16): the volunteer's hours and certificates
  myHours: (): string => '/packages/volunteer/hours/index',
  // community (issue 14)
  notice: (id: string): string => `/packages/community/notice/index?id=${id}`,
  lawTopic: (topic: string): string => `/packages/community/laws/index?topic=${topic}`,
  lawArticle: (id: string): string => `/packages/community/law/index?id=${id}`,
  nearby: (): string => '/packages/community/nearby/index',
  // clinic (issue 11)
  clinicBooking: (id: string): string => `/packages/clinic/booking/index?id=${id}`,
  clinicAgenda: (): string => '/packages/clinic-staff/agenda/index',
  // The committee's queue (mediators, coordinators).
  mediationCase: (id: string): string => `/packages/clinic-staff/cases/index?id=${id}`,
  myClinic: (): string => '/packages/clinic/my/index',
  // A party's case under 我的调解 on 我的法律咨询 (the case highlighted).
  myMediationCase: (id: string): string => `/packages/clinic/my/index?case=${id}`,
  // reports (issue 12)
  report: (id: string): string => `/packages/report/detail/index?id=${id}`,
  // donations (issue 13)
  charityProject: (id: string): string => `/packages/charity/project/index?id=${id}`,
  myDonations: (): string => '/packages/charity/mine/index',
  receiptVerify: (serial: string): string => `/packages/charity/verify/index?serial=${serial}`,
  adminDonations: (): string => '/packages/charity-admin/donations/index',
};

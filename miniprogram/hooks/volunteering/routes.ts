/** Volunteering routes (subpackages packages/volunteer, packages/team, packages/district in app.config.ts). */
export const VROUTES = {
  activity: '/packages/volunteer/activity/index',
  mySignups: '/packages/volunteer/my/index',
  checkin: '/packages/volunteer/checkin/index',
  hours: '/packages/volunteer/hours/index',
  verify: '/packages/volunteer/verify/index',
  register: '/packages/volunteer/register/index',
  team: '/packages/volunteer/team/index',
  teams: '/packages/volunteer/teams/index',
  teamApply: '/packages/volunteer/team-apply/index',
  help: '/packages/volunteer/help/index',
  teamHome: '/packages/team/home/index',
  teamPublish: '/packages/team/publish/index',
  teamActivity: '/packages/team/activity/index',
  teamHours: '/packages/team/hours/index',
  teamMembers: '/packages/team/members/index',
  teamAppeals: '/packages/team/appeals/index',
  districtTeams: '/packages/district/teams/index',
  districtHelp: '/packages/district/help/index',
  districtStats: '/packages/district/stats/index',
} as const;

export const withQuery = (url: string, q: Record<string, string | undefined>): string => {
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`);
  return parts.length ? `${url}?${parts.join('&')}` : url;
};

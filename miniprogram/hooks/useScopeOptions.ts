import { adminApi, type TScopeType } from '../services/admin';
import { donationsApi } from '../services/donations';
import { useAsync } from './useAsync';

export interface TOption {
  id: string;
  name: string;
}

const LIST: Record<Exclude<TScopeType, 'charity'>, 'teams' | 'clinics' | 'departments' | 'grids'> = {
  team: 'teams',
  clinic: 'clinics',
  department: 'departments',
  grid: 'grids',
};

/** Choices for a role's scope (teams, clinics, departments, grids) from the org directory; charities from donations. */
export function useScopeOptions(scopeType: TScopeType | undefined) {
  return useAsync<TOption[]>(async () => {
    if (!scopeType) return [];
    // donations (issue 13): a charity_staff grant is scoped to a charity, which the org directory does not list.
    if (scopeType === 'charity') return (await donationsApi.charities()).items.map((c) => ({ id: c.id, name: c.name }));
    return (await adminApi.orgList(LIST[scopeType])).items.map((i) => ({ id: i.id, name: i.name }));
  }, [scopeType]);
}

/** Lawyers a law student can be supervised by. */
export function useLawyerOptions(enabled: boolean) {
  return useAsync<TOption[]>(
    async () =>
      (await adminApi.adminUsers({ role: 'lawyer', pageSize: 100 })).items.map((u) => ({ id: u.id, name: u.displayName })),
    [],
    enabled,
  );
}

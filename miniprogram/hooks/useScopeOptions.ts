import { adminApi, type TScopeType } from '../services/admin';
import { useAsync } from './useAsync';

export interface TOption {
  id: string;
  name: string;
}

const LIST: Record<TScopeType, 'teams' | 'clinics' | 'departments' | 'grids'> = {
  team: 'teams',
  clinic: 'clinics',
  department: 'departments',
  grid: 'grids',
};

/** Choices for a role's scope (teams, clinics, departments, grids) from the org directory. */
export function useScopeOptions(scopeType: TScopeType | undefined) {
  return useAsync<TOption[]>(
    async () => (scopeType ? (await adminApi.orgList(LIST[scopeType])).items.map((i) => ({ id: i.id, name: i.name })) : []),
    [scopeType],
  );
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

import { useState } from 'react';
import { useAsync } from '../useAsync';
import { reportsApi } from '../../services/reports';

/**
 * What the dispatcher chooses besides the step: the department, optionally one of its handlers
 * (named dispatch; the others no longer see it to sign for), and for one report at a time the
 * open reports nearby it may duplicate.
 */
export function useDispatchChoices() {
  const depts = useAsync(() => reportsApi.departments(), []);
  const [deptIndex, setDeptIndexState] = useState(0);
  const deptList = depts.data?.items ?? [];
  const dept = deptList[deptIndex];
  const handlers = useAsync(() => reportsApi.handlerCandidates(dept?.id ?? ''), [dept?.id], !!dept);
  const [handlerId, setHandlerId] = useState<string | null>(null);
  const setDeptIndex = (i: number) => {
    setDeptIndexState(i);
    setHandlerId(null);
  };
  const handlerList = dept && handlers.data ? handlers.data.items : [];
  const handler = handlerList.find((h) => h.id === handlerId) ?? null;

  const [dupFor, setDupFor] = useState<string | null>(null);
  // Tagged with the report, so another report's list never shows while the next one loads.
  const dup = useAsync(async () => ({ reportId: dupFor, ...(await reportsApi.duplicateCandidates(dupFor ?? '')) }), [dupFor], !!dupFor);
  const candidates = dup.data && dup.data.reportId === dupFor ? dup.data : null;
  const toggleDuplicates = (reportId: string) => setDupFor((x) => (x === reportId ? null : reportId));

  return { deptList, dept, setDeptIndex, handlerList, handler, setHandlerId, dupFor, toggleDuplicates, candidates, candidatesLoading: dup.loading, candidatesError: dup.error };
}

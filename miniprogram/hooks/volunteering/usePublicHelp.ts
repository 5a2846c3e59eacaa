import { useEffect, useState } from 'react';
import type { THelpCategory, THelpRequestDto } from '@shared/schemas/volunteering/help-requests';
import { usePagedList } from '../usePagedList';
import { useAsync } from '../useAsync';
import { volunteeringApi } from '../../services/volunteering';

/** 大家的求助: approved help requests (no one's identity), by category, page by page. */
export function usePublicHelpList(enabled: boolean) {
  const [category, setCategory] = useState<THelpCategory | undefined>(undefined);
  const list = usePagedList<THelpRequestDto>((page, pageSize) =>
    volunteeringApi.helpRequests(category, page, pageSize),
  );
  const { reload } = list;
  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, category, reload]);
  return { category, setCategory, list };
}

/** One public help request (the server answers 404 for one not approved). */
export function usePublicHelpDetail(helpId: string | undefined) {
  return useAsync(() => volunteeringApi.helpRequest(helpId as string), [helpId], !!helpId);
}

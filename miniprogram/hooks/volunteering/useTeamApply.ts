import { useCallback, useState } from 'react';
import { ZTeamApplyInput, type TTeamApplyInput, type TTeamDetailDto } from '@shared/schemas/volunteering/teams';
import { useForm } from '../useForm';
import { volunteeringApi } from '../../services/volunteering';

/** 申请成立志愿团队: the team waits for a district admin's certification. */
export function useTeamApply() {
  const [created, setCreated] = useState<TTeamDetailDto | null>(null);
  const onValid = useCallback(async (input: TTeamApplyInput) => {
    const { team } = await volunteeringApi.applyTeam(input);
    setCreated(team);
  }, []);
  const form = useForm(
    ZTeamApplyInput,
    {
      name: '',
      hostOrg: '',
      serviceArea: '',
      address: '',
      location: undefined as never,
      contactName: '',
      contactPhone: '',
      intro: '',
    },
    onValid,
  );
  return { form, created };
}

import { REAL_NAME_MAX } from '@shared/schemas/auth';
import { BoundField, type TBoundForm } from './BoundField';

type TRealName = { name: string; idNumber: string };

interface Props {
  /** Any form whose values include the name and ID number (e.g. with a reason as well). */
  form: TBoundForm<TRealName>;
  /** Element ids of the name and ID-number inputs (journeys address them). */
  ids: { name: string; idNumber: string };
  labels: { name: string; idNumber: string };
  placeholders?: { name: string; idNumber: string };
}

/** Name and ID number, as the resident's 实名认证 and the district admin's correction both ask them. */
export function RealNameFields({ form, ids, labels, placeholders }: Props) {
  return (
    <>
      <BoundField
        form={form}
        name="name"
        id={ids.name}
        label={labels.name}
        placeholder={placeholders?.name}
        maxlength={REAL_NAME_MAX}
      />
      <BoundField
        form={form}
        name="idNumber"
        id={ids.idNumber}
        label={labels.idNumber}
        type="idcard"
        placeholder={placeholders?.idNumber}
        maxlength={18}
      />
    </>
  );
}

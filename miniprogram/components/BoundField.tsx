import { FormField, type TFormFieldProps } from './FormField';
import type { TFormApi } from '../hooks/useForm';

/** The keys of a form's values that hold text. */
type TTextKey<V> = { [K in keyof V]-?: V[K] extends string | undefined ? K : never }[keyof V] & string;

export type TBoundForm<V> = Pick<TFormApi<V>, 'values' | 'errors' | 'setField'>;

type Props<V> = Omit<TFormFieldProps, 'value' | 'error' | 'onChange'> & { form: TBoundForm<V>; name: TTextKey<V> };

/** A FormField bound to one text field of a useForm form: its value, its error, its setter. */
export function BoundField<V>({ form, name, ...field }: Props<V>) {
  return (
    <FormField
      {...field}
      value={(form.values[name] as string | undefined) ?? ''}
      error={form.errors[name]}
      onChange={(v) => form.setField(name, v as V[typeof name])}
    />
  );
}

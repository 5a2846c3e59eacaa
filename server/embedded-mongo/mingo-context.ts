/**
 * The mingo options the engine passes everywhere. No `context` is passed on purpose: mingo then
 * uses its shared default operator context instead of merging a new one per call (which costs
 * more than the query itself). Extra operators (the geo module) hook into mingo's Context.
 */
import { ProcessingMode, type Query } from 'mingo';

type Options = NonNullable<ConstructorParameters<typeof Query>[1]>;

export function queryOptions(extra: Options = {}): Options {
  return { processingMode: ProcessingMode.CLONE_OFF, useStrictMode: true, ...extra };
}

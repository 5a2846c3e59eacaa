/**
 * The mingo options the engine passes everywhere. Extra operators (e.g. geo query operators) are
 * added to `engineContext` with `engineContext.addQueryOps({...})` / `addPipelineOps` and then apply
 * to every query, update and aggregation the engine runs.
 */
import { Context, ProcessingMode, type Query } from 'mingo';

type Options = NonNullable<ConstructorParameters<typeof Query>[1]>;

export const engineContext: Context = Context.init();

export function queryOptions(extra: Options = {}): Options {
  return { context: engineContext, processingMode: ProcessingMode.CLONE_OFF, useStrictMode: true, ...extra };
}

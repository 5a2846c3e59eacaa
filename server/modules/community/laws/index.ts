import { defineModule } from '../../../platform/module';
import { routes } from './routes';

/** Community · The law library: articles and explainers by topic, searched in Chinese (jieba keys). */
export const communityLawsModule = defineModule({ name: 'community/laws', routes: (deps) => routes(deps) });

// The facade: what other modules may use.
export { seedLawStarterSet, lawDocument } from './seed';
export { LawArticle } from './model';
export { indexKeys } from './tokenize';

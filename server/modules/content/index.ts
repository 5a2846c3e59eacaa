import { defineModule } from '../../platform/module';
export {
  checkText,
  contentRiskyAnswer,
  SCENES,
  type CheckTextInput,
  type TCheckOutcome,
  type TSceneName,
  type TTextVerdict,
} from './check';
export { staffKeywordHits, type KeywordHit } from './staff-keywords';

/** The content check (WeChat msgSecCheck + the configured keyword list): a service, no routes of its own. */
export const contentModule = defineModule({ name: 'content' });

export { checkText, SCENES, type CheckTextInput, type TCheckOutcome, type TSceneName } from './check';
export {
  moderationStatusFor,
  moderationField,
  isPubliclyVisible,
  createdStatusFor,
  MODERATION_STATUSES,
  type TModerationStatus,
} from './moderation';

import { defineModule } from '../../platform/module';
import { routes } from './routes';
import { reviewSubscribers } from './subscribers';

/**
 * The district's one 内容审核 queue. Modules register content kinds (through
 * `defineModule({ reviewKinds })`, or `registerReviewKind`) and the queue
 * lists, decides, audits and tells the author. Content a module does not keep
 * held itself goes in with `holdForReview` + a `heldContentKind`.
 */
export const reviewModule = defineModule({
  name: 'review',
  routes: (deps) => routes(deps),
  // A getter: read when the list is composed, not at load (see defineModule).
  get subscribers() {
    return reviewSubscribers;
  },
});

export {
  registerReviewKind,
  reviewKinds,
  type AuthorNotice,
  type ReviewApplied,
  type ReviewDecision,
  type ReviewItem,
  type ReviewKind,
  type ReviewRefused,
} from './kind';
export { heldInCollection } from './held-list';
export { heldContentKind, holdForReview, releaseHold, type HeldContentKindSpec, type HoldInput } from './holds';
export { reviewPolicy } from './policy';

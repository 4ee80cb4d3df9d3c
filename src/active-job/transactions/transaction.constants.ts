export const ENQUEUE_AFTER_COMMIT_METADATA = 'active-job:enqueue-after-commit';
/** Injection token of the `TransactionalEnqueue` (null without `transactions`). */
export const TRANSACTIONAL_ENQUEUE = 'active-job:transactional-enqueue';

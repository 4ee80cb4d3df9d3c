import type { User } from '../users/user';

/** The JSON body of a `user.signed_up` webhook. */
export interface UserSignedUpEvent {
  /** Unique per event, the same on every delivery of it; also sent as Idempotency-Key. */
  id: string;
  type: 'user.signed_up';
  /** When the user signed up (not when this delivery was sent). */
  occurredAt: string;
  data: { user: { id: string; email: string; name: string } };
}

export function userSignedUpEvent(id: string, user: User): UserSignedUpEvent {
  return {
    id,
    type: 'user.signed_up',
    occurredAt: user.createdAt.toISOString(),
    data: { user: { id: String(user.id), email: user.email, name: user.name } },
  };
}

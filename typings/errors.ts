/**
 * The one catalogue of error codes. Messages live server-side
 * (cloudfunctions/shared/errors.ts) and must cover every code here.
 */
export type ErrorCode =
  /** The event is not an object, or has no/unknown `action`. */
  | 'BAD_REQUEST'
  /** The input failed schema validation. */
  | 'INVALID_INPUT'
  /** No caller identity in the platform context. */
  | 'UNAUTHENTICATED'
  /** The caller has not registered a profile yet. */
  | 'NOT_REGISTERED'
  /** The caller's household binding is not verified. */
  | 'NOT_VERIFIED'
  /** The caller's role does not allow the action. */
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  /** The action conflicts with the current state (e.g. already bound). */
  | 'CONFLICT'
  /** Text or media refused by content moderation. */
  | 'CONTENT_RISKY'
  /** The author is temporarily blocked from posting. */
  | 'AUTHOR_BLOCKED'
  | 'RATE_LIMITED'
  /** Unexpected server failure; details only in the function log. */
  | 'INTERNAL';

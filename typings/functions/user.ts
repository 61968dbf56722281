/** Actions of the `user` function: identity, profile, household binding, relatives. */
import type { MeView } from '../domain/community';

export interface UserActions {
  /** First call of every session: who am I, in which household, with which roles. */
  login: { input: Record<string, never>; output: MeView };
}

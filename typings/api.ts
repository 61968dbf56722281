/**
 * The contract between the mini-program and the cloud functions: for each deployed
 * function, its actions with their input and output types. The mini-program imports
 * TYPES ONLY from typings/; the server validates every input with a zod schema that
 * `satisfies` the input type here.
 */
import type { MeView } from './domain/community';

/** Actions of the `user` function: identity, profile, household binding. */
export interface UserActions {
  /** First call of every session: who am I, in which household, with which roles. */
  login: { input: Record<string, never>; output: MeView };
}

export interface FunctionActions {
  user: UserActions;
}

export type FunctionName = keyof FunctionActions;
export type ActionName<F extends FunctionName> = keyof FunctionActions[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = FunctionActions[F][A] extends {
  input: infer I;
}
  ? I
  : never;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = FunctionActions[F][A] extends {
  output: infer O;
}
  ? O
  : never;

/** The event a client sends: the action name plus its input fields. */
export type ActionEvent<F extends FunctionName, A extends ActionName<F>> = {
  action: A;
} & ActionInput<F, A>;

export type { Result, ApiErrorBody } from './result';
export type { ErrorCode } from './errors';

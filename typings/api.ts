/**
 * The contract between the mini-program and the cloud functions: for each deployed
 * function, its actions with their input and output types (one file per function in
 * typings/functions/). The mini-program imports TYPES ONLY from typings/; the server
 * validates every input with a zod schema checked against the input type here.
 */
import type { CanteenActions } from './functions/canteen';
import type { CommunityActions } from './functions/community';
import type { ActivityActions } from './functions/activity';
import type { CouncilActions } from './functions/council';
import type { ModerationActions } from './functions/moderation';
import type { NoticeActions } from './functions/notice';
import type { PushActions } from './functions/push';
import type { ReportActions } from './functions/report';
import type { SafetyActions } from './functions/safety';
import type { StorageActions } from './functions/storage';
import type { UserActions } from './functions/user';
import type { ServiceActions } from './functions/service';
import type { VolunteerActions } from './functions/volunteer';
import type { CareActions } from './functions/care';

export interface FunctionActions {
  user: UserActions;
  community: CommunityActions;
  push: PushActions;
  storage: StorageActions;
  moderation: ModerationActions;
  activity: ActivityActions;
  notice: NoticeActions;
  canteen: CanteenActions;
  report: ReportActions;
  council: CouncilActions;
  service: ServiceActions;
  volunteer: VolunteerActions;
  safety: SafetyActions;
  care: CareActions;
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

export type {
  UserActions,
  PushActions,
  StorageActions,
  ModerationActions,
  NoticeActions,
  ReportActions,
  ActivityActions,
  CouncilActions,
  CanteenActions,
  ServiceActions,
  VolunteerActions,
  SafetyActions,
  CareActions,
};
export type { Result, ApiErrorBody } from './result';
export type { ErrorCode } from './errors';

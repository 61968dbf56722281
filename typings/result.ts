/**
 * The envelope every cloud function action returns. The mini-program's typed client
 * turns `ok: false` into a thrown ApiError carrying the same code.
 */
import type { ErrorCode } from './errors';

export interface ApiErrorBody {
  code: ErrorCode;
  /** Plain Chinese, safe to show to a resident as is. */
  message: string;
  /** For INVALID_INPUT: the input fields that failed, so a form can mark them. */
  fields?: string[];
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

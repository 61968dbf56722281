/**
 * THE typed client of the cloud functions: the only code in the mini-program that calls
 * `wx.cloud.callFunction`. Every call names a function and one of its actions from the
 * contract in typings/api.ts, so input and output are checked at compile time.
 *
 * - `{ ok: true, data }` resolves to `data`;
 * - `{ ok: false, error }` throws an ApiError with the server's code, message and fields;
 * - a transport failure (no network, function timeout or crash) throws ApiError 'NETWORK'.
 */
import type {
  ActionInput,
  ActionName,
  ActionOutput,
  ApiErrorBody,
  ErrorCode,
  FunctionName,
  Result,
} from '../../typings/api';

/** Server codes plus the one the client adds when the call never got an answer. */
export type ClientErrorCode = ErrorCode | 'NETWORK';

export const NETWORK_MESSAGE = '网络不太顺畅，请检查网络后再试';
/** Shown when the function answered something that is not a Result envelope. */
export const UNEXPECTED_MESSAGE = '系统繁忙，请稍后再试';

export class ApiError extends Error {
  readonly code: ClientErrorCode;
  /** For INVALID_INPUT: the input fields that failed. */
  readonly fields: string[];

  constructor(code: ClientErrorCode, message: string, fields: string[] = []) {
    super(message);
    // Keeps `instanceof` working after DevTools transpiles classes to ES5.
    Object.setPrototypeOf(this, ApiError.prototype);
    this.name = 'ApiError';
    this.code = code;
    this.fields = fields;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError || (error instanceof Error && error.name === 'ApiError');
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const ok = (value as { ok?: unknown }).ok;
  if (ok === true) return 'data' in value;
  if (ok !== false) return false;
  const error = (value as { error?: Partial<ApiErrorBody> }).error;
  return typeof error === 'object' && error !== null && typeof error.code === 'string';
}

/** Calls `fn` with `{ action, ...input }` and unwraps the Result envelope. */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> {
  let response: ICloud.CallFunctionResult;
  try {
    response = await wx.cloud.callFunction({ name: fn, data: { ...(input as object), action } });
  } catch (cause) {
    console.warn(`[api] ${fn}.${action} transport failure`, cause);
    throw new ApiError('NETWORK', NETWORK_MESSAGE);
  }
  const result: unknown = response.result;
  if (!isResult(result)) {
    console.warn(`[api] ${fn}.${action} answered without a Result envelope`, result);
    throw new ApiError('INTERNAL', UNEXPECTED_MESSAGE);
  }
  if (!result.ok) {
    const { code, message, fields } = result.error;
    throw new ApiError(code, message || UNEXPECTED_MESSAGE, fields ?? []);
  }
  return result.data as ActionOutput<F, A>;
}

/** The plain Chinese sentence to show for any error a page caught. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  return UNEXPECTED_MESSAGE;
}

/** Shows a caught error as a toast (text only, long enough for a senior to read it). */
export function showApiError(error: unknown): void {
  wx.showToast({ title: errorMessage(error), icon: 'none', duration: 3000 });
}

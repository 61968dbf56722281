/**
 * Server side of the error catalogue: every code of typings/errors.ts with the plain
 * Chinese message a resident sees when the handler gives no more specific one.
 */
import type { ErrorCode } from '../../typings/errors';

export const ERROR_MESSAGES = {
  BAD_REQUEST: '请求格式不正确',
  INVALID_INPUT: '填写的内容有误，请检查后再试',
  UNAUTHENTICATED: '请在微信中打开小程序',
  NOT_REGISTERED: '请先完善个人信息',
  NOT_VERIFIED: '您的住户信息尚未通过审核',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '内容不存在或已删除',
  CONFLICT: '操作与当前状态冲突，请刷新后再试',
  CONTENT_RISKY: '内容未通过安全检查，请修改后再提交',
  AUTHOR_BLOCKED: '您暂时无法发布内容',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
} as const satisfies Record<ErrorCode, string>;

/** Thrown by handlers and rules; the runtime turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
  ) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'AppError';
  }
}

export function fail(code: ErrorCode, message?: string): never {
  throw new AppError(code, message);
}

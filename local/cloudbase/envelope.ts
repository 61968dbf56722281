/**
 * The TCB admin envelope. Every answer of the real service is HTTP 200 with JSON:
 * `{requestId, data}` on success and `{code, message, requestId}` on failure; any truthy
 * `code` makes node-sdk throw a TcbError. Handlers throw StandInError and the server turns
 * it into the error envelope, so a handler can never leave a half-written answer.
 */
import { randomUUID } from 'node:crypto';

export type ErrorCodeName =
  | 'SYS_ERR'
  | 'INVALID_PARAM'
  | 'INVALID_ENV'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'STORAGE_FILE_NONEXIST'
  | 'STORAGE_REQUEST_FAIL'
  | 'FUNCTIONS_EXECUTE_FAIL'
  | 'FUNCTION_NOT_FOUND'
  | 'FUNCTIONS_TIME_LIMIT_EXCEEDED';

export class StandInError extends Error {
  constructor(
    readonly code: ErrorCodeName,
    message: string,
  ) {
    super(message);
    this.name = 'StandInError';
  }
}

/** Shorthand for the most common failure: a malformed parameter. */
export function invalidParam(message: string): StandInError {
  return new StandInError('INVALID_PARAM', message);
}

export function newRequestId(): string {
  return randomUUID();
}

export interface ErrorEnvelope {
  code: string;
  message: string;
  requestId: string;
}

/**
 * Maps anything thrown by a handler to the error envelope; unknown throws become SYS_ERR.
 * `withholdWording` replaces a database error's MongoDB-style text (E11000 ...) with a
 * neutral one: production's wording is not documented, so code must not depend on it.
 */
export function errorEnvelope(err: unknown, requestId: string, withholdWording = false): ErrorEnvelope {
  if (err instanceof StandInError) {
    const withheld = withholdWording && err.code === 'DATABASE_REQUEST_FAILED';
    return { code: err.code, message: withheld ? 'database request failed' : err.message, requestId };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'SYS_ERR', message: `stand-in internal error: ${message}`, requestId };
}

/** The exact content type node-sdk checks to tell a JSON error from a protobuf open-API answer. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

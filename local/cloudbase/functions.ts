/**
 * `functions.invokeFunction` (callFunction from a function): hands the call to the host's
 * invoker, the way SCF runs the other function, and returns its result as JSON text.
 * A function that is not deployed is FUNCTION_NOT_FOUND (the invoker says so by throwing
 * an error whose `code` is 'FUNCTION_NOT_FOUND'); one that fails is FUNCTIONS_EXECUTE_FAIL.
 */
import { invalidParam, StandInError } from './envelope';

/** Who the platform says is calling: SOURCE, and for a WeChat message push the user's OPENID and the APPID. */
export interface InvokeMeta {
  source: string;
  callerSeqId?: string;
  openid?: string;
  appid?: string;
}

export type Invoker = (name: string, event: unknown, meta: InvokeMeta) => Promise<unknown>;

export async function invokeFunction(
  params: Record<string, unknown>,
  invoker: Invoker | undefined,
  callerSeqId: string | undefined,
): Promise<Record<string, unknown>> {
  const name = params.function_name;
  if (typeof name !== 'string' || name.length === 0) throw invalidParam('function_name is required');
  const raw = params.request_data;
  let event: unknown = {};
  if (typeof raw === 'string' && raw !== '') {
    try {
      event = JSON.parse(raw);
    } catch {
      throw invalidParam('request_data is not JSON');
    }
  } else if (raw !== undefined && raw !== '' && raw !== null) {
    throw invalidParam('request_data must be a JSON string');
  }
  // Without a runner nothing is deployed.
  if (!invoker) throw new StandInError('FUNCTION_NOT_FOUND', `function not found: ${name} (no function runner)`);
  let result: unknown;
  try {
    result = await invoker(name, event, { source: 'wx_client,scf', ...(callerSeqId ? { callerSeqId } : {}) });
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code === 'FUNCTION_NOT_FOUND') {
      throw new StandInError('FUNCTION_NOT_FOUND', `function not found: ${name}`);
    }
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    // A timed-out callee keeps the platform's own code; any other failure is an execute failure.
    const timedOut = (err as { code?: unknown } | null)?.code === 'FUNCTIONS_TIME_LIMIT_EXCEEDED';
    throw new StandInError(
      timedOut ? 'FUNCTIONS_TIME_LIMIT_EXCEEDED' : 'FUNCTIONS_EXECUTE_FAIL',
      `function ${name} failed: ${message}`,
    );
  }
  // A function returning undefined answers "null" on SCF too.
  return { data: { response_data: JSON.stringify(result) ?? 'null' } };
}

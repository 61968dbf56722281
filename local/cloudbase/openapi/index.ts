/**
 * The WeChat open API as CloudBase relays it:
 * - `wx.openApi` (wx-server-sdk cloud.openapi.*): multipart form, protobuf CommApiData in,
 *   binary CommOpenApiResp out. An API the stand-in does not implement answers with the
 *   platform error -604101 (what WeChat gives a function not permitted to call an API).
 * - `wx.api` (node-sdk callWxOpenApi): JSON, the cgi path as apiName, JSON string out.
 */
import { invalidParam } from '../envelope';
import type { Moderation, WxAnswer } from './moderation';
import { decodeRequest, encodeResponse } from './protobuf';
import type { Subscriptions } from './subscribe';

export const API_NOT_SUPPORTED = -604101;

export interface OpenApiContext {
  moderation: Moderation;
  subscriptions: Subscriptions;
}

type Api = (params: Record<string, unknown>, appid: string, ctx: OpenApiContext) => WxAnswer;

const BY_NAME: Record<string, Api> = {
  'security.msgSecCheck': (params, _appid, ctx) => ctx.moderation.msgSecCheck(params),
  'security.mediaCheckAsync': (params, appid, ctx) => ctx.moderation.mediaCheckAsync(params, appid),
  'subscribeMessage.send': (params, _appid, ctx) => ctx.subscriptions.send(params),
};

const BY_CGI_PATH: Record<string, string> = {
  '/wxa/msg_sec_check': 'security.msgSecCheck',
  '/wxa/media_check_async': 'security.mediaCheckAsync',
  '/cgi-bin/message/subscribe/send': 'subscribeMessage.send',
};

/** `wx.openApi`: returns the protobuf reply; a malformed request is a TCB INVALID_PARAM. */
export function handleWxOpenApi(apiName: unknown, requestData: Buffer | undefined, ctx: OpenApiContext): Buffer {
  if (typeof apiName !== 'string' || apiName.length === 0) throw invalidParam('apiName is required');
  if (!requestData) throw invalidParam('requestData is required');
  let request;
  try {
    request = decodeRequest(requestData);
  } catch (err) {
    throw invalidParam(`requestData is not a CommApiData message: ${(err as Error).message}`);
  }
  const api = BY_NAME[apiName];
  if (!api) return encodeResponse(undefined, API_NOT_SUPPORTED);
  return encodeResponse(api(request.params, request.appid, ctx));
}

/** `wx.api`: returns the admin reply `{data: {responseData}}`. */
export function handleWxApi(apiName: unknown, requestData: unknown, ctx: OpenApiContext): Record<string, unknown> {
  if (typeof apiName !== 'string' || apiName.length === 0) throw invalidParam('apiName is required');
  let params: unknown = {};
  if (typeof requestData === 'string' && requestData !== '') {
    try {
      params = JSON.parse(requestData);
    } catch {
      throw invalidParam('requestData is not JSON');
    }
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    throw invalidParam('requestData must be a JSON object');
  const name = BY_CGI_PATH[apiName.split('?')[0] ?? ''];
  const api = name ? BY_NAME[name] : undefined;
  const answer: WxAnswer = api
    ? api(params as Record<string, unknown>, '', ctx)
    : { errcode: API_NOT_SUPPORTED, errmsg: `api ${apiName} is not supported by the stand-in` };
  return { data: { responseData: JSON.stringify(answer) } };
}

/**
 * The protobuf messages of `wx.openApi` (wx-server-sdk cloud.openapi.*), with the field
 * numbers of the schema bundled in wx-server-sdk@4.0.2. The request's `requestData` form
 * part is a CommApiData whose pairs carry each snake_case parameter as JSON bytes; the reply
 * is a CommOpenApiResp whose respData is WeChat's JSON answer.
 */
import * as protobuf from 'protobufjs';

const SCHEMA = `
syntax = "proto3";
message KeyValuePair { string key = 1; bytes value = 2; string contenttype = 3; string filename = 4; }
message OpenApiData { repeated KeyValuePair pairs = 1; }
message CommApiData {
  enum ApiType { OPEN_API = 0; INNER_API = 1; SVRKIT_API = 2; TOKEN_API = 3; }
  ApiType apiType = 1;
  OpenApiData openapiData = 2;
  string appid = 6;
}
message HttpHeader { string key = 1; string value = 2; }
message CommOpenApiResp {
  bytes respData = 1;
  string contentType = 2;
  int32 errorCode = 3;
  uint32 httpCode = 4;
  repeated HttpHeader headers = 5;
  int32 svrkitErrorCode = 6;
}
`;

const root = protobuf.parse(SCHEMA, { keepCase: true }).root;
const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');

export interface OpenApiRequest {
  apiType: number;
  appid: string;
  /** parameter name -> JSON-decoded value (media parts keep their bytes) */
  params: Record<string, unknown>;
}

/** Decodes CommApiData; throws on bytes that are not one. */
export function decodeRequest(bytes: Buffer): OpenApiRequest {
  const msg = CommApiData.toObject(CommApiData.decode(bytes), { defaults: true }) as {
    apiType: number;
    appid: string;
    openapiData?: { pairs?: { key: string; value: Uint8Array; contenttype: string; filename: string }[] };
  };
  const params: Record<string, unknown> = {};
  for (const pair of msg.openapiData?.pairs ?? []) {
    const value = Buffer.from(pair.value);
    if (pair.contenttype) {
      params[pair.key] = { contentType: pair.contenttype, fileName: pair.filename, value };
      continue;
    }
    try {
      params[pair.key] = JSON.parse(value.toString('utf8'));
    } catch {
      params[pair.key] = value.toString('utf8');
    }
  }
  return { apiType: msg.apiType, appid: msg.appid, params };
}

/** Encodes WeChat's JSON answer (or a platform error code) as CommOpenApiResp. */
export function encodeResponse(answer: unknown, errorCode = 0): Buffer {
  const message = CommOpenApiResp.create({
    respData: answer === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(answer)),
    contentType: 'application/json',
    errorCode,
    httpCode: 200,
    headers: [],
    svrkitErrorCode: 0,
  });
  return Buffer.from(CommOpenApiResp.encode(message).finish());
}

/** For tests: what wx-server-sdk sends. */
export function encodeRequest(params: Record<string, unknown>, appid = ''): Buffer {
  const pairs = Object.entries(params).map(([key, v]) => ({ key, value: Buffer.from(JSON.stringify(v)) }));
  return Buffer.from(CommApiData.encode(CommApiData.create({ apiType: 0, openapiData: { pairs }, appid })).finish());
}

/** For tests: decodes a reply. */
export function decodeResponse(bytes: Buffer): { respData: Buffer; errorCode: number; contentType: string } {
  const msg = CommOpenApiResp.toObject(CommOpenApiResp.decode(bytes), { defaults: true }) as {
    respData: Uint8Array;
    errorCode: number;
    contentType: string;
  };
  return { respData: Buffer.from(msg.respData), errorCode: msg.errorCode, contentType: msg.contentType };
}

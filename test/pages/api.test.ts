/**
 * The typed client, mocked at the wx.cloud boundary: envelopes become data or ApiError,
 * transport failures become NETWORK.
 */
import {
  ApiError,
  NETWORK_MESSAGE,
  call,
  errorMessage,
  isApiError,
  showApiError,
} from '../../miniprogram/services/api';
import { failCallFunction, mockCallFunction, resetWx, wxMock } from '../helpers/simulate';
import { meView } from './fixtures';

beforeEach(() => {
  resetWx();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

test('sends { action, ...input } to the named function and resolves with data', async () => {
  const data = meView();
  const callFunction = mockCallFunction({ ok: true, data });

  await expect(call('user', 'login', {})).resolves.toEqual(data);

  expect(callFunction).toHaveBeenCalledTimes(1);
  expect(callFunction.mock.calls[0]?.[0]).toEqual({ name: 'user', data: { action: 'login' } });
});

test('ok:false becomes an ApiError with the server code, message and fields', async () => {
  mockCallFunction({
    ok: false,
    error: { code: 'INVALID_INPUT', message: '填写的内容有误，请检查后再试', fields: ['room'] },
  });

  const error: unknown = await call('user', 'login', {}).catch((e: unknown) => e);

  expect(error).toBeInstanceOf(ApiError);
  expect(isApiError(error)).toBe(true);
  expect(error).toMatchObject({ code: 'INVALID_INPUT', message: '填写的内容有误，请检查后再试', fields: ['room'] });
});

test('ok:false without fields has an empty field list', async () => {
  mockCallFunction({ ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } });

  await expect(call('user', 'login', {})).rejects.toMatchObject({ code: 'INTERNAL', fields: [] });
});

test('a transport failure becomes NETWORK with a plain Chinese message', async () => {
  failCallFunction();

  const error: unknown = await call('user', 'login', {}).catch((e: unknown) => e);

  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ code: 'NETWORK', message: NETWORK_MESSAGE });
  expect(NETWORK_MESSAGE).toMatch(/[\u4e00-\u9fa5]/);
});

test('an answer that is not a Result envelope is an INTERNAL error, not a crash later', async () => {
  mockCallFunction({ registered: true });

  await expect(call('user', 'login', {})).rejects.toMatchObject({ code: 'INTERNAL' });
});

test('showApiError shows the message as a text-only toast', () => {
  showApiError(new ApiError('FORBIDDEN', '您没有权限进行此操作'));

  expect(wxMock().showToast).toHaveBeenCalledWith(
    expect.objectContaining({ title: '您没有权限进行此操作', icon: 'none' }),
  );
  expect(errorMessage(new Error('boom'))).toBe('系统繁忙，请稍后再试');
});

/** What the runtime says about an action it does not know: bounded, plain, never `undefined`. */
import { unknownActionMessage } from '../../cloudfunctions/shared/runtime';

describe('unknownActionMessage', () => {
  it('names back an action-like name', () => {
    expect(unknownActionMessage('placeOrdr')).toBe('未知操作：placeOrdr');
    expect(unknownActionMessage('mark_read2')).toBe('未知操作：mark_read2');
  });

  it('never echoes markup, huge strings, or what is not a string', () => {
    const refused: unknown[] = [
      '<script>alert(1)</script>',
      'a'.repeat(100 * 1024),
      'x'.repeat(41),
      '',
      ' login',
      'log in',
      '登录',
      'login\n',
      undefined,
      null,
      42,
      { toString: () => 'login' },
      ['login'],
    ];
    for (const action of refused) expect(unknownActionMessage(action)).toBe('未知操作');
  });
});

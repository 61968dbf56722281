/**
 * Content checks of what volunteers and their leaders write (applications, call-outs, the
 * shift log), through the one moderation service. A call-out must go out at once, so text
 * WeChat wants a person to review is refused with a request to reword, not held.
 */
import { AppError } from '../shared/errors';
import { screenText, type Scene } from '../shared/moderation';

export async function screen(openid: string, scene: Scene, parts: readonly string[]): Promise<void> {
  const verdict = await screenText(openid, scene, parts);
  if (verdict.state === 'review') throw new AppError('CONTENT_RISKY', '内容需要人工复核，请修改措辞后再提交');
}

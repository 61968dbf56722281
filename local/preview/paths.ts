/** Where the preview reads the mini-program from, and the one unit conversion it uses. */
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const MINIPROGRAM_DIR = join(ROOT, 'miniprogram');
export const CLIENT_DIR = join(__dirname, 'client');

/** The phone frame is 375 CSS px wide, and WeChat defines the screen as 750rpx. */
export const PHONE_WIDTH = 375;
export const PX_PER_RPX = PHONE_WIDTH / 750;

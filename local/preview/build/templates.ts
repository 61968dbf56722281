/**
 * WXML/WXS → JavaScript with WeChat's own compiler (wcc, shipped as a native binary in the
 * npm package miniprogram-compiler). It compiles every wxml/wxs under the mini-program root
 * at once and yields `$gwx(path)`, which returns a render function per template; j-component
 * turns its output into exparser trees. A syntax error in any wxml fails the build, as in
 * DevTools.
 */
import { MINIPROGRAM_DIR } from '../paths';

interface WxmlCompiler {
  wxmlToJs(rootPath: string, options?: { maxBuffer?: number }): string;
}

/** A classic (non-module) script: wcc's output relies on sloppy-mode globals. */
export function buildTemplates(root = MINIPROGRAM_DIR): string {
  // wcc reads each json through require(): drop cached copies so watch mode sees edits.
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(root) && key.endsWith('.json')) delete require.cache[key];
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const compiler = require('miniprogram-compiler') as WxmlCompiler;
  const code = compiler.wxmlToJs(root, { maxBuffer: 64 * 1024 * 1024 });
  return `window.__mpGwx = (function () {\n${code}\n})();\n`;
}

/**
 * The preview's page runs on the community clock: `/clock.js`, the first script of the
 * page, carries the server's community time (CS_NOW, local/clock.ts) and, when the
 * browser's own clock is off from it by more than a second, replaces the page's `Date` with
 * one shifted by the difference that keeps ticking. So pickers, 今天/明天 labels and
 * countdowns agree with the functions. A browser on the machine's clock (CS_NOW unset)
 * keeps its native Date.
 */

/**
 * The browser script for a page served at the server's community instant `now`. Plain
 * JavaScript in a string: it runs in the page, before anything else. Instances keep the
 * native prototype, so `instanceof Date` and every method behave as before.
 */
export function clockScript(now: Date): string {
  return `(function (serverNow) {
  var Native = Date;
  var offset = serverNow - Native.now();
  if (Math.abs(offset) < 1000) return;
  function now() {
    return Native.now() + offset;
  }
  function CommunityDate() {
    if (!(this instanceof CommunityDate)) return new Native(now()).toString();
    if (arguments.length === 0) return new Native(now());
    var args = [null].concat(Array.prototype.slice.call(arguments));
    return new (Function.prototype.bind.apply(Native, args))();
  }
  CommunityDate.prototype = Native.prototype;
  CommunityDate.now = now;
  CommunityDate.parse = Native.parse;
  CommunityDate.UTC = Native.UTC;
  CommunityDate.communityOffsetMs = offset;
  window.Date = CommunityDate;
})(${now.getTime()});
`;
}

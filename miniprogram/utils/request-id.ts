/**
 * A fresh id for one submission: a retry of the same submission (after a lost answer)
 * sends it again, and the server files nothing twice. The same shape as the ids the
 * activity, canteen, care and volunteer pages draw (`r…`, at most 40 characters).
 */
export function newRequestId(): string {
  const random = Math.floor(Math.random() * 0x7fffffff).toString(36);
  return `r${Date.now().toString(36)}${random}`.slice(0, 40).padEnd(10, '0');
}

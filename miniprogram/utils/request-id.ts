/**
 * A fresh id for one submission, drawn once per tap or editor session: a retry of the same
 * submission (after a lost answer) sends it again, and the server files nothing twice.
 * Every page that submits uses this one; the functions accept `[A-Za-z0-9_-]{8,64}`.
 */
export function newRequestId(): string {
  const random = Math.floor(Math.random() * 0x7fffffff).toString(36);
  return `r${Date.now().toString(36)}${random}`.slice(0, 40).padEnd(10, '0');
}

/**
 * The request id of a submission made from one thing (a visit's follow-up, a round's log
 * entry turned into a 报事): the same thing always sends the same id, so a second tap or a
 * retry after a lost answer files nothing twice.
 */
export function requestIdFor(...parts: string[]): string {
  return parts
    .join('-')
    .replace(/[^A-Za-z0-9_-]/g, '_')
    .slice(0, 64)
    .padEnd(8, '0');
}

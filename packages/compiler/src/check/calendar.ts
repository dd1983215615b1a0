/** Calendar checks of date and period literals. */

export function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** First and last day of a period literal (any grain), as YYYY-MM-DD. */
export function periodBounds(p: string): { from: string; to: string } | undefined {
  let m: RegExpExecArray | null;
  const last = (y: number, month: number) => new Date(Date.UTC(y, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  const span = (y: number, m1: number, m2: number) => ({
    from: `${y}-${pad(m1)}-01`,
    to: `${y}-${pad(m2)}-${pad(last(y, m2))}`,
  });
  if ((m = /^(\d{4})-(\d{2})$/.exec(p))) return +m[2] >= 1 && +m[2] <= 12 ? span(+m[1], +m[2], +m[2]) : undefined;
  if ((m = /^(\d{4})-Q([1-4])$/.exec(p))) return span(+m[1], (+m[2] - 1) * 3 + 1, +m[2] * 3);
  if ((m = /^(\d{4})-H([12])$/.exec(p))) return span(+m[1], (+m[2] - 1) * 6 + 1, +m[2] * 6);
  if ((m = /^(\d{4})-Y$/.exec(p))) return span(+m[1], 1, 12);
  return undefined;
}

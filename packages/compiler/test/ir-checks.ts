/** Structural checks of lowered IR shared by the tests. */
const unit = (t: string) => (t.startsWith("money[") ? "money" : t.startsWith("member[") ? "member" : t);
const SYMBOL: Record<string, string> = { add: "+", sub: "-", mul: "*", div: "/" };

/** Every arithmetic node's `sig` names its operands' units, and money is never multiplied by money. */
export function checkSignatures(node: unknown, problems: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => checkSignatures(n, problems));
  else if (node && typeof node === "object") {
    const n = node as { op?: string; sig?: string; args?: { type: string }[]; type?: string };
    if (n.op && n.op in SYMBOL && n.args) {
      const expected = `${unit(n.args[0].type)}${SYMBOL[n.op]}${unit(n.args[1].type)}`;
      if (n.sig !== expected) problems.push(`${n.sig} on ${expected}`);
      if (
        n.sig === "money*money" ||
        (n.op === "div" && unit(n.args[1].type) === "money" && unit(n.args[0].type) !== "money")
      )
        problems.push(`invalid ${n.sig}`);
    }
    if (n.op === "neg" && n.args && n.sig !== unit(n.args[0].type)) problems.push(`neg ${n.sig} on ${n.args[0].type}`);
    for (const v of Object.values(node)) checkSignatures(v, problems);
  }
  return problems;
}

export * from "./diff/types.js";
export { diffPlans } from "./diff/plan-diff.js";
export { exprText, constText, percentText } from "./diff/expr-text.js";
export * from "./util/amount.js";
export * from "./result-view.js";
export { payoutImpact, type PayoutImpact, type Movement, type PersonImpact, type PersonComponentImpact } from "./diff/impact.js";
export { renderDiff, type DiffFormat, type DiffReport } from "./diff/render.js";
export * from "./acceptance/chain.js";

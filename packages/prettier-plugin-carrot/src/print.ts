/**
 * The canonical layout of a Carrot file. Declarations are laid out line by line: one construct
 * (clause, column, band, row...) per line, keyword or key columns aligned within a block, comments
 * kept where the author put them. Expressions are laid out by `doc.ts` and break only when too long.
 */
import type {
  ComponentClause,
  CreditClause,
  CheckClause,
  CurvePoint,
  Declaration,
  Comment,
  Expr,
  FieldInit,
  Import,
  MemberDecl,
  Name,
  PayoutRule,
  PlanField,
  SourceFile,
  Span,
  TableRow,
  TestStatement,
  TierBand,
  MatrixDecl,
  MatrixRow,
  ValueDecl,
  ColumnDecl,
  TypeRef,
} from "@carrot/language";
import { attachComments, commentsIn, type ItemComments } from "./comments.js";
import { type Doc, group, indent, join, line, printDoc, printFlat } from "./doc.js";
import { ExprComments, type ExprContext, exprDoc, nameText } from "./expr.js";
import { SourceText, commentText } from "./source.js";

/** Indentation of a block's body. */
const BODY_INDENT = 2;

interface Context {
  source: SourceText;
  comments: readonly Comment[];
  width: number;
}

type TopItem = Import | Declaration;

export function printSourceFile(
  source: SourceText,
  file: SourceFile,
  comments: readonly Comment[],
  width: number,
): string {
  const ctx: Context = { source, comments, width };
  const items: TopItem[] = [...file.imports, ...file.declarations].sort((a, b) => a.span.start - b.span.start);
  const spans = items.map((item) => codeSpan(source, item.span));
  const attached = attachComments(source, comments, undefined, spans);

  // Blank line before each item's first element (its first leading comment, or itself).
  const blankBefore = items.map((item, i) => {
    if (i === 0) return false;
    const previous = items[i - 1]!;
    const firstStart = attached.items[i]!.leading[0]?.span.start ?? spans[i]!.start;
    const forced = isBlock(previous) || isBlock(item) || (previous.kind === "Import" && item.kind !== "Import");
    return forced || source.blankLineBefore(firstStart);
  });
  // A value declaration with comments between its tokens is kept as written unless they all find a place.
  const valueBodies = items.map((item, i) => {
    const att = attached.items[i]!;
    if (item.kind !== "Value" || att.ignored) return undefined;
    const comments = new ExprComments(source, att.interior);
    const body = exprDoc({ source, comments }, item.body);
    return comments.allPrinted() ? body : undefined;
  });
  const verbatim = items.map((item, i) => {
    const att = attached.items[i]!;
    if (item.kind === "Value") return valueBodies[i] === undefined;
    return att.ignored || (att.interior.length > 0 && !isBlock(item));
  });
  const keywordWidths = valueKeywordWidths(items, verbatim, blankBefore);

  const lines: string[] = [];
  const pushBlank = (blank: boolean) => {
    if (blank && lines.length > 0) lines.push("");
  };
  items.forEach((item, i) => {
    const att = attached.items[i]!;
    att.leading.forEach((comment, j) => {
      pushBlank(j === 0 ? blankBefore[i]! : source.blankLineBefore(comment.span.start));
      lines.push(commentText(source, comment));
    });
    pushBlank(att.leading.length === 0 ? blankBefore[i]! : source.blankLineBefore(spans[i]!.start));
    const itemLines = verbatim[i]
      ? verbatimLines(source, spans[i]!, 0)
      : item.kind === "Value"
        ? printValue(ctx, item, valueBodies[i]!, keywordWidths[i]!)
        : printTopItem(ctx, item);
    lines.push(...withTrailing(source, itemLines, att.trailing));
  });
  const last = items[items.length - 1];
  attached.dangling.forEach((comment, j) => {
    pushBlank((j === 0 && last !== undefined && isBlock(last)) || source.blankLineBefore(comment.span.start));
    lines.push(commentText(source, comment));
  });
  return lines.length === 0 ? "" : lines.join("\n") + "\n";
}

function isBlock(item: TopItem): boolean {
  return item.kind !== "Import" && item.kind !== "Value" && item.kind !== "Fx";
}

/**
 * Consecutive value declarations (no blank line between them) align their keywords, as in
 * `measure revenue = ...` / `quota   target = ...`.
 */
function valueKeywordWidths(
  items: readonly TopItem[],
  verbatim: readonly boolean[],
  blankBefore: readonly boolean[],
): number[] {
  const widths = items.map(() => 0);
  let runStart = 0;
  for (let i = 0; i <= items.length; i++) {
    const continues =
      i < items.length &&
      i > runStart &&
      !blankBefore[i] &&
      items[i]!.kind === "Value" &&
      items[i - 1]!.kind === "Value";
    if (continues) continue;
    let width = 0;
    for (let k = runStart; k < i; k++) {
      const item = items[k]!;
      if (item.kind === "Value" && !verbatim[k]) width = Math.max(width, item.keyword.length);
    }
    for (let k = runStart; k < i; k++) widths[k] = width;
    runStart = i;
  }
  return widths;
}

function printValue(ctx: Context, item: ValueDecl, body: Doc, keywordWidth: number): string[] {
  const { source } = ctx;
  const params =
    item.params === undefined
      ? ""
      : `(${item.params.map((p) => `${nameText(source, p.name)}: ${nameText(source, p.type)}`).join(", ")})`;
  const prefix = `${item.keyword.padEnd(keywordWidth)} ${nameText(source, item.name)}${params} = `;
  return layout(ctx, prefix, body, 0);
}

function printTopItem(ctx: Context, item: Exclude<TopItem, ValueDecl>): string[] {
  const { source } = ctx;
  switch (item.kind) {
    case "Import": {
      const path = source.slice(item.path.span);
      if (item.names === undefined) return [`import ${path}`];
      if (item.names.length === 0) return [`import {} from ${path}`];
      // A long list of names goes one per line.
      const names = join(
        [",", line],
        item.names.map((n) => nameText(source, n)),
      );
      return layout(ctx, "import ", [group(["{", indent([line, names], 2), line, "}"]), ` from ${path}`], 0);
    }
    case "Fx":
      return [`fx from ${nameText(source, item.table)}`];
    case "Plan":
      return printBlock(
        ctx,
        item,
        `plan ${source.slice(item.title.span)}`,
        item.title.span.end,
        item.fields,
        (rows, att) => keyedBlock(ctx, rows, att, planFieldRow),
      );
    case "Dimension":
      return printDimension(ctx, item);
    case "Input":
      return printBlock(
        ctx,
        item,
        `${item.role} ${nameText(source, item.name)}`,
        item.name.span.end,
        item.columns,
        (rows, att) => keyedBlock(ctx, rows, att, columnRow),
      );
    case "Credit":
      return printBlock(
        ctx,
        item,
        `credit ${nameText(source, item.name)}`,
        item.name.span.end,
        item.clauses,
        (rows, att) => keyedBlock(ctx, rows, att, creditRow),
      );
    case "Tiers": {
      const boundary = item.boundary ? ` boundary ${nameText(source, item.boundary)}` : "";
      const header = `tiers ${nameText(source, item.name)} ${nameText(source, item.mode)}${boundary}`;
      const headerEnd = (item.boundary ?? item.mode).span.end;
      return printBlock(ctx, item, header, headerEnd, item.bands, (rows, att) =>
        bandRows(ctx, rows, verbatimFlags(att)),
      );
    }
    case "Matrix":
      return printMatrix(ctx, item);
    case "Check":
      return printBlock(
        ctx,
        item,
        `check ${nameText(source, item.name)}`,
        item.name.span.end,
        item.clauses,
        (rows, att) => keyedBlock(ctx, rows, att, checkRow),
      );
    case "Curve":
      return printBlock(
        ctx,
        item,
        `curve ${nameText(source, item.name)}`,
        item.name.span.end,
        item.points,
        (rows, att) => pointRows(ctx, rows, verbatimFlags(att)),
      );
    case "Table": {
      const header = `table ${nameText(source, item.name)} by ${item.keys.map((k) => nameText(source, k)).join(", ")}`;
      const headerEnd = item.keys[item.keys.length - 1]?.span.end ?? item.name.span.end;
      return printBlock(ctx, item, header, headerEnd, item.rows, (rows, att) =>
        tableRows(ctx, rows, verbatimFlags(att)),
      );
    }
    case "Component": {
      const each = item.forEach;
      const header = `component ${nameText(source, item.name)}${each ? ` for each ${nameText(source, each.name)}: ${nameText(source, each.type)}` : ""}`;
      const headerEnd = each ? Math.max(each.span.end, each.type.span.end) : item.name.span.end;
      return printBlock(ctx, item, header, headerEnd, item.clauses, (rows, att) =>
        keyedBlock(ctx, rows, att, componentRow),
      );
    }
    case "PayoutRules": {
      const start = codeSpan(source, item.span).start;
      return printBlock(ctx, item, "payout", start + "payout".length, item.rules, (rows, att) =>
        keyedBlock(ctx, rows, att, payoutRow),
      );
    }
    case "Test":
      return printBlock(
        ctx,
        item,
        `test ${source.slice(item.title.span)}`,
        item.title.span.end,
        item.statements,
        (rows, att) => keyedBlock(ctx, rows, att, testRow),
      );
  }
}

// ---------------------------------------------------------------------------------------------
// Blocks

interface BlockLayout {
  /** The printed rows, index-aligned with the block's rows; undefined where a row is kept verbatim. */
  rows: (string[] | undefined)[];
  /** Replaces the whole `{ ... }` body by one line, e.g. `{ Cardio, Oncology }`. */
  inline?: string;
}

type RowsPrinter<T> = (
  rows: readonly T[],
  comments: readonly ItemComments[],
  anyComment: boolean,
) => BlockLayout | (string[] | undefined)[];

function printBlock<T extends { span: Span }>(
  ctx: Context,
  decl: { span: Span },
  header: string,
  headerEnd: number,
  rows: readonly T[],
  printRows: RowsPrinter<T>,
): string[] {
  const { source } = ctx;
  const span = codeSpan(source, decl.span);
  const open = source.skipTrivia(headerEnd);
  const close = span.end - 1;
  const headerHasComments = commentsIn(ctx.comments, span.start, open).length > 0;
  if (headerHasComments || source.text[open] !== "{" || source.text[close] !== "}" || close < open) {
    return verbatimLines(source, span, 0);
  }
  const rowSpans = rows.map((r) => codeSpan(source, r.span));
  const regionComments = commentsIn(ctx.comments, open + 1, close);
  const attached = attachComments(source, regionComments, open + 1, rowSpans);
  const printed = printRows(rows, attached.items, regionComments.length > 0);
  const layoutResult: BlockLayout = Array.isArray(printed) ? { rows: printed } : printed;

  const opening = `${header} {` + (attached.header ? ` ${commentText(source, attached.header)}` : "");
  if (layoutResult.inline !== undefined) return [`${header} ${layoutResult.inline}`];
  if (rows.length === 0 && attached.dangling.length === 0 && attached.header === undefined) return [`${header} {}`];

  const lines = [opening];
  let first = true;
  const pad = " ".repeat(BODY_INDENT);
  const blank = (start: number) => {
    if (!first && source.blankLineBefore(start)) lines.push("");
    first = false;
  };
  rows.forEach((_, i) => {
    const att = attached.items[i]!;
    for (const comment of att.leading) {
      blank(comment.span.start);
      lines.push(pad + commentText(source, comment));
    }
    blank(rowSpans[i]!.start);
    const rowLines = layoutResult.rows[i] ?? verbatimLines(source, rowSpans[i]!, BODY_INDENT);
    lines.push(...withTrailing(source, rowLines, att.trailing));
  });
  for (const comment of attached.dangling) {
    blank(comment.span.start);
    lines.push(pad + commentText(source, comment));
  }
  lines.push("}");
  return lines;
}

/** A row of a key/value block: `key value`, the key padded to the block's key column when aligned. */
interface KeyedRow {
  key: string;
  /** False for rows that read as a phrase (`let x = ...`, `allow negative`): not padded. */
  aligned: boolean;
  value?: Doc;
}

/**
 * Rows of a key/value block. A row with comments between its tokens keeps them at line breaks when
 * it can, and is otherwise printed as written (undefined here).
 */
function keyedBlock<T>(
  ctx: Context,
  rows: readonly T[],
  comments: readonly ItemComments[],
  build: (ec: ExprContext, row: T) => KeyedRow,
): (string[] | undefined)[] {
  const built = rows.map((row, i) => {
    const att = comments[i]!;
    if (att.ignored) return undefined;
    const ec: ExprContext = { source: ctx.source, comments: new ExprComments(ctx.source, att.interior) };
    const keyed = build(ec, row);
    return ec.comments.allPrinted() ? keyed : undefined;
  });
  const keyWidth = Math.max(0, ...built.map((r) => (r?.aligned ? r.key.length : 0)));
  return built.map((row) => {
    if (row === undefined) return undefined;
    if (row.value === undefined) return [" ".repeat(BODY_INDENT) + row.key];
    const key = row.aligned ? row.key.padEnd(keyWidth) : row.key;
    return layout(ctx, `${key} `, row.value, BODY_INDENT);
  });
}

function verbatimFlags(comments: readonly ItemComments[]): boolean[] {
  return comments.map((c) => c.verbatim);
}

/** Prints `prefix` then `value` at `indent`, breaking the value when the line would be too long. */
function layout(ctx: Context, prefix: string, value: Doc, indentWidth: number): string[] {
  const start = " ".repeat(indentWidth) + prefix;
  const body = printDoc(value, { width: ctx.width, startColumn: start.length, baseIndent: indentWidth });
  return (start + body).split("\n");
}

// ---------------------------------------------------------------------------------------------
// Rows of each kind of block

function planFieldRow(ec: ExprContext, field: PlanField): KeyedRow {
  const { source } = ec;
  const e = (x: Expr) => exprDoc(ec, x);
  const n = (x: Name) => nameText(source, x);
  switch (field.kind) {
    case "PlanVersion":
      return { key: "version", aligned: true, value: source.slice(field.value.span) };
    case "PlanCurrency":
      return { key: "currency", aligned: true, value: n(field.code) };
    case "PlanEffective":
      return { key: "effective", aligned: true, value: [e(field.from), " .. ", e(field.to)] };
    case "PlanPeriod":
      return { key: "period", aligned: true, value: n(field.grain) };
    case "PlanRounding":
      return {
        key: "rounding",
        aligned: true,
        value: [e(field.scale), " ", n(field.mode), field.on ? ` on ${n(field.on)}` : ""],
      };
    case "PlanPay":
      return { key: "pay", aligned: true, value: `${field.timing} ${n(field.grain)}` };
    case "PlanFiscal":
      // Two words of key: left out of the alignment of the one-word fields.
      return { key: "fiscal year", aligned: false, value: `from ${n(field.month)}${field.named ? ` named by ${n(field.named)}` : ""}` };
  }
}

function typeText(source: SourceText, type: TypeRef): string {
  const currency = type.currency ? `[${nameText(source, type.currency)}]` : "";
  const column = type.currencyColumn ? `(${nameText(source, type.currencyColumn)})` : "";
  return nameText(source, type.name) + currency + column;
}

function columnRow(ec: ExprContext, column: ColumnDecl): KeyedRow {
  const flags = (column.key ? " key" : "") + (column.optional ? " optional" : "");
  return { key: nameText(ec.source, column.name), aligned: true, value: typeText(ec.source, column.type) + flags };
}

function creditRow(ec: ExprContext, clause: CreditClause): KeyedRow {
  const { source } = ec;
  const e = (x: Expr) => exprDoc(ec, x);
  const n = (x: Name) => nameText(source, x);
  switch (clause.kind) {
    case "CreditFrom":
      return { key: "from", aligned: true, value: n(clause.table) };
    case "CreditDated":
      return { key: "dated", aligned: true, value: e(clause.date) };
    case "CreditJoin":
      return { key: "join", aligned: true, value: [n(clause.table), " on ", e(clause.on)] };
    case "CreditTo":
      return { key: "to", aligned: true, value: e(clause.person) };
    case "CreditSplit":
      return { key: "split", aligned: true, value: e(clause.share) };
    case "CreditRollup":
      return { key: "rollup", aligned: true, value: n(clause.rule) };
    case "CreditDepth":
      return { key: "depth", aligned: true, value: e(clause.depth) };
  }
}

function checkRow(ec: ExprContext, clause: CheckClause): KeyedRow {
  const { source } = ec;
  switch (clause.kind) {
    case "CheckFrom":
      return { key: "from", aligned: true, value: nameText(source, clause.table) };
    case "CheckPer":
      return { key: "per", aligned: true, value: join(", ", clause.columns.map((c) => exprDoc(ec, c))) };
    case "CheckAssert":
      return { key: "assert", aligned: true, value: exprDoc(ec, clause.condition) };
    case "CheckMessage":
      return { key: "message", aligned: true, value: source.slice(clause.text.span) };
    case "CheckSeverity":
      return { key: "severity", aligned: true, value: nameText(source, clause.level) };
  }
}

function componentRow(ec: ExprContext, clause: ComponentClause): KeyedRow {
  const { source } = ec;
  const e = (x: Expr) => exprDoc(ec, x);
  switch (clause.kind) {
    case "Window":
      return { key: "window", aligned: true, value: [e(clause.from), " .. ", e(clause.to)] };
    case "Eligible":
      return { key: "eligible", aligned: true, value: e(clause.condition) };
    case "Gate":
      return { key: "gate", aligned: true, value: e(clause.condition) };
    case "Let":
      return { key: "let", aligned: false, value: [nameText(source, clause.name), " = ", e(clause.value)] };
    case "Payout":
      return { key: "payout", aligned: true, value: e(clause.value) };
    case "Floor":
      return { key: "floor", aligned: true, value: e(clause.value) };
    case "Cap":
      return {
        key: "cap",
        aligned: true,
        value: [e(clause.value), clause.per ? ` per ${nameText(source, clause.per)}` : ""],
      };
    case "AllowNegative":
      return { key: "allow negative", aligned: false };
    case "Hold":
      return {
        key: "hold",
        aligned: true,
        value: ["above ", e(clause.bound), clause.reason ? ` reason ${source.slice(clause.reason.span)}` : ""],
      };
  }
}

function payoutRow(ec: ExprContext, rule: PayoutRule): KeyedRow {
  const { source } = ec;
  const n = (x: Name) => nameText(source, x);
  switch (rule.kind) {
    case "PlanCap":
      return { key: "cap", aligned: true, value: [exprDoc(ec, rule.value), ` per ${n(rule.per)}`] };
    case "Guarantee": {
      const recovery = rule.recoverable ? "recoverable" : "nonrecoverable";
      return { key: "guarantee", aligned: true, value: [exprDoc(ec, rule.value), ` per ${n(rule.per)} ${recovery}`] };
    }
    case "Settle":
      return { key: "settle", aligned: true, value: `cumulative from ${n(rule.table)}${rule.carry ? " carry" : ""}` };
    case "Release":
      return { key: "release", aligned: true, value: `holds from ${n(rule.table)}` };
  }
}

function testRow(ec: ExprContext, statement: TestStatement): KeyedRow {
  const { source } = ec;
  const e = (x: Expr) => exprDoc(ec, x);
  const args = (xs: Expr[] | undefined): Doc => (xs === undefined ? "" : ["(", join(", ", xs.map(e)), ")"]);
  // Test statements read as sentences (`given ...`, `expect ...`): their keywords are not aligned.
  switch (statement.kind) {
    case "TestPeriod":
      return { key: "period", aligned: false, value: e(statement.period) };
    case "GivenValue":
      return {
        key: "given",
        aligned: false,
        value: [nameText(source, statement.name), args(statement.args), " = ", e(statement.value)],
      };
    case "GivenRow":
      return {
        key: "given",
        aligned: false,
        value: [nameText(source, statement.table), " ", fieldsDoc(ec, statement.fields)],
      };
    case "Expect": {
      const person = statement.person ? ` for ${source.slice(statement.person.span)}` : "";
      return {
        key: "expect",
        aligned: false,
        value: [nameText(source, statement.target), args(statement.args), person, " = ", e(statement.value)],
      };
    }
  }
}

function fieldsDoc(ec: ExprContext, fields: readonly FieldInit[]): Doc {
  if (fields.length === 0) return "{}";
  // A comment after a field (after its comma) stays at the end of that field's line.
  const parts: Doc[] = fields.map((field, i) => {
    const doc: Doc[] = [nameText(ec.source, field.name), ": ", exprDoc(ec, field.value)];
    if (i === fields.length - 1) return [doc, indent(ec.comments.around(field.span.end, line), -2)];
    const comma = ec.source.skipTrivia(field.span.end);
    return ec.source.text[comma] === "," ? [doc, ",", ec.comments.around(comma + 1, line)] : [doc, ",", line];
  });
  return group(["{", indent([line, parts], 2), "}"]);
}

function bandRows(ctx: Context, bands: readonly TierBand[], verbatim: readonly boolean[]): (string[] | undefined)[] {
  const cells = bands.map((b) => ({ from: flat(ctx, b.from), to: b.to ? flat(ctx, b.to) : "" }));
  const live = cells.filter((_, i) => !verbatim[i]);
  const fromWidth = Math.max(0, ...live.map((c) => c.from.length));
  const toWidth = Math.max(0, ...live.map((c) => c.to.length));
  return bands.map((band, i) => {
    if (verbatim[i]) return undefined;
    const { from, to } = cells[i]!;
    const range = `${from.padEnd(fromWidth)} ..` + (toWidth > 0 ? ` ${to.padEnd(toWidth)}` : "");
    return layout(ctx, `${range} : `, exprDoc(plain(ctx), band.value), BODY_INDENT);
  });
}

/** The `columns` line of a matrix, as a block row (it has no node of its own). */
interface ColumnsLine {
  kind: "ColumnsLine";
  span: Span;
}

/**
 * A matrix prints its columns on one line (an open last column must end it: see the parser) and
 * its rows as a grid: row bands aligned as tier bands, each column of cells padded to its widest.
 */
function printMatrix(ctx: Context, decl: MatrixDecl): string[] {
  const { source } = ctx;
  const boundary = decl.boundary ? ` boundary ${nameText(source, decl.boundary)}` : "";
  const header = `matrix ${nameText(source, decl.name)}${boundary}`;
  const headerEnd = (decl.boundary ?? decl.name).span.end;
  const first = decl.columns[0];
  const last = decl.columns[decl.columns.length - 1];
  const items: (ColumnsLine | MatrixRow)[] = [...decl.rows];
  if (first && last) {
    const keyword = source.text.lastIndexOf("columns", first.span.start);
    items.unshift({ kind: "ColumnsLine", span: { start: keyword < 0 ? first.span.start : keyword, end: last.span.end } });
  }
  return printBlock(ctx, decl, header, headerEnd, items, (rows, att) => {
    const verbatim = verbatimFlags(att);
    const band = (b: { from: Expr; to?: Expr }) => ({ from: flat(ctx, b.from), to: b.to ? flat(ctx, b.to) : "" });
    const rowBands = rows.map((r) => (r.kind === "MatrixRow" ? band(r.band) : undefined));
    const cells = rows.map((r) => (r.kind === "MatrixRow" ? r.values.map((v) => flat(ctx, v)) : []));
    const live = (i: number) => !verbatim[i] && rows[i]!.kind === "MatrixRow";
    const fromWidth = Math.max(0, ...rowBands.map((b, i) => (live(i) ? b!.from.length : 0)));
    const toWidth = Math.max(0, ...rowBands.map((b, i) => (live(i) ? b!.to.length : 0)));
    const cellWidths: number[] = [];
    cells.forEach((row, i) => {
      if (live(i)) row.forEach((c, k) => (cellWidths[k] = Math.max(cellWidths[k] ?? 0, c.length)));
    });
    return rows.map((row, i) => {
      if (verbatim[i]) return undefined;
      const pad = " ".repeat(BODY_INDENT);
      if (row.kind === "ColumnsLine") {
        const texts = decl.columns.map((c) => {
          const b = band(c);
          return `${b.from} ..${b.to ? ` ${b.to}` : ""}`;
        });
        return [`${pad}columns ${texts.join(", ")}`];
      }
      const { from, to } = rowBands[i]!;
      const range = `${from.padEnd(fromWidth)} ..` + (toWidth > 0 ? ` ${to.padEnd(toWidth)}` : "");
      const row_ = cells[i]!.map((c, k, all) => (k < all.length - 1 ? `${c},`.padEnd(cellWidths[k]! + 2) : c)).join("");
      return [`${pad}${range} : ${row_}`];
    });
  });
}

function pointRows(
  ctx: Context,
  points: readonly CurvePoint[],
  verbatim: readonly boolean[],
): (string[] | undefined)[] {
  // `below` rows state a cliff, not a point: they are not part of the aligned x column.
  const xs = points.map((p) => (p.below ? `below${p.x ? ` ${flat(ctx, p.x)}` : ""}` : p.x ? flat(ctx, p.x) : ""));
  const xWidth = Math.max(0, ...xs.filter((_, i) => !verbatim[i] && !points[i]!.below).map((x) => x.length));
  return points.map((point, i) => {
    if (verbatim[i]) return undefined;
    const x = point.below ? xs[i]! : xs[i]!.padEnd(xWidth);
    return layout(ctx, `${x} : `, exprDoc(plain(ctx), point.y), BODY_INDENT);
  });
}

function tableRows(ctx: Context, rows: readonly TableRow[], verbatim: readonly boolean[]): (string[] | undefined)[] {
  const keyCells = rows.map((r) => (r.keys ? r.keys.map((k) => nameText(ctx.source, k)) : undefined));
  const columnWidths: number[] = [];
  keyCells.forEach((keys, i) => {
    if (verbatim[i] || keys === undefined) return;
    keys.forEach((k, c) => (columnWidths[c] = Math.max(columnWidths[c] ?? 0, k.length)));
  });
  // Every key column but the last is `key,` padded; the last is padded as a whole with the row's key text.
  const keyTexts = keyCells.map((keys) =>
    keys === undefined
      ? "default"
      : keys.map((k, c) => (c < keys.length - 1 ? `${k},`.padEnd(columnWidths[c]! + 2) : k)).join(""),
  );
  const keyWidth = Math.max(0, ...keyTexts.filter((_, i) => !verbatim[i]).map((k) => k.length));
  return rows.map((row, i) => {
    if (verbatim[i]) return undefined;
    return layout(ctx, `${keyTexts[i]!.padEnd(keyWidth)} : `, exprDoc(plain(ctx), row.value), BODY_INDENT);
  });
}

function printDimension(ctx: Context, decl: Extract<Declaration, { kind: "Dimension" }>): string[] {
  const { source } = ctx;
  const header = `dimension ${nameText(source, decl.name)}${decl.parent ? ` of ${nameText(source, decl.parent)}` : ""}`;
  const headerEnd = (decl.parent ?? decl.name).span.end;
  return printBlock(ctx, decl, header, headerEnd, decl.members, (members, att, anyComment) => {
    const verbatim = verbatimFlags(att);
    const names = members.map((m) => nameText(source, m.name));
    const anyParent = members.some((m) => m.parent !== undefined);
    if (!anyParent && !anyComment && members.length > 0) {
      // A flat list of members reads best on one line when it fits.
      const inline = `{ ${names.join(", ")} }`;
      if (header.length + 1 + inline.length <= ctx.width) return { rows: [], inline };
    }
    const nameWidth = Math.max(
      0,
      ...members.filter((m, i) => m.parent && !verbatim[i]).map((m) => nameText(source, m.name).length),
    );
    return members.map((member: MemberDecl, i) => {
      if (verbatim[i]) return undefined;
      const pad = " ".repeat(BODY_INDENT);
      if (!member.parent) return [pad + names[i]!];
      return [pad + `${names[i]}:`.padEnd(nameWidth + 1) + " " + nameText(source, member.parent)];
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers

function flat(ctx: Context, expr: Expr): string {
  return printFlat(exprDoc(plain(ctx), expr));
}

/** For rows that are printed as written as soon as they hold a comment: no comment to place. */
function plain(ctx: Context): ExprContext {
  return { source: ctx.source, comments: ExprComments.none(ctx.source) };
}

/** A node's span without leading comments or surrounding whitespace (doc comments may be included). */
function codeSpan(source: SourceText, span: Span): Span {
  const start = source.skipTrivia(span.start);
  return { start: Math.min(start, span.end), end: Math.max(source.trimBack(span.end), start) };
}

/** The author's text of a construct: the first line re-indented, the others as written. */
function verbatimLines(source: SourceText, span: Span, indentWidth: number): string[] {
  const lines = source
    .slice(span)
    .split("\n")
    .map((l) => l.trimEnd());
  lines[0] = " ".repeat(indentWidth) + lines[0]!.trimStart();
  return lines;
}

function withTrailing(source: SourceText, lines: string[], trailing: Comment | undefined): string[] {
  if (trailing === undefined) return lines;
  const last = lines.length - 1;
  return [...lines.slice(0, last), `${lines[last]} ${commentText(source, trailing)}`];
}

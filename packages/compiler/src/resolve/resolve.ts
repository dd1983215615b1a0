/**
 * The resolve pass: collect every declaration into a symbol table, then resolve every name of
 * every expression and declaration-level reference to a symbol (or a built-in). Unknown names are
 * reported once, with a "did you mean"; the failing node resolves to `error` so that the checker
 * stays silent about everything built on it.
 */
import * as path from "node:path";
import type { Argument, Declaration, Diagnostic, Expr, Name, Span } from "@carrot/language";
import { diag, replaceFix } from "../diagnostics/catalogue.js";
import type { LoadedWorkspace } from "../workspace/workspace.js";
import { closest } from "../util/text.js";
import {
  BUILTIN_FUNCTIONS,
  BUILTIN_VALUES,
  emptySymbolTable,
  symbolKindLabel,
  type BuiltinFunction,
  type BuiltinValue,
  type ComponentSym,
  type CreditSym,
  type DimensionSym,
  type GlobalSym,
  type LocalSym,
  type MemberSym,
  type ParamSym,
  type Reference,
  type Resolution,
  type Sym,
  type SymbolTable,
  type TableSym,
  type ValueSym,
} from "./symbols.js";

export const BUILTIN_TYPES = [
  "money",
  "ratio",
  "percent",
  "number",
  "count",
  "date",
  "period",
  "text",
  "bool",
  "currency",
  "person",
];

export interface Resolved {
  table: SymbolTable;
  /** Resolution of NameRef and PathExpr nodes, and of declaration-level Name nodes. */
  resolutions: Map<object, Resolution>;
  references: Reference[];
  diagnostics: Diagnostic[];
  /** Which file declares each global symbol (for the import check and go-to-definition). */
  declaredIn: Map<string, Set<string>>;
}

/** Local scope of an expression: component lets and parameters. */
export interface Scope {
  locals?: Map<string, LocalSym>;
  params?: ParamSym[];
}

/** What one file sees: the files it imports whole (and itself), and the names it imports by name. */
interface Visibility {
  files: Set<string>;
  names: Map<string, Set<string>>;
}

class Resolver {
  private nextId = 0;
  private readonly visibility = new Map<string, Visibility>();
  private readonly notImported = new Set<string>();

  constructor(private readonly ws: LoadedWorkspace) {
    for (const f of ws.files.values()) {
      const v: Visibility = { files: new Set([f.uri]), names: new Map() };
      for (const imp of f.imports) {
        if (!imp.target) continue;
        if (!imp.node.names) v.files.add(imp.target);
        else {
          let set = v.names.get(imp.target);
          if (!set) v.names.set(imp.target, (set = new Set()));
          for (const n of imp.node.names) set.add(n.text);
        }
      }
      this.visibility.set(f.uri, v);
    }
  }

  /** Report a declaration used from a file that does not import it (once per file and name). */
  private checkVisible(sym: Sym, uri: string, span: Span) {
    const g: Sym = sym.kind === "member" ? sym.dimension : sym;
    if (!["dimension", "table", "credit", "value", "tiers", "matrix", "curve", "lookup", "component"].includes(g.kind)) return;
    const v = this.visibility.get(uri);
    if (!v || v.files.has(g.uri) || v.names.get(g.uri)?.has(g.name)) return;
    const key = `${uri}\u0000${g.id}`;
    if (this.notImported.has(key)) return;
    this.notImported.add(key);
    const declaring = this.ws.files.get(g.uri);
    let rel = path.relative(path.dirname(uri), g.uri).split(path.sep).join("/");
    if (!rel.startsWith(".")) rel = `./${rel}`;
    this.diagnostics.push(
      diag("C0116", { name: sym.name, path: declaring?.relPath ?? g.uri }, uri, span, {
        fixes: [
          {
            title: `Import '${g.name}' from '${rel}'`,
            edits: [{ span: { start: 0, end: 0 }, newText: `import { ${g.name} } from ${JSON.stringify(rel)}\n` }],
          },
        ],
      }),
    );
  }

  private readonly table: SymbolTable = emptySymbolTable();
  private readonly resolutions = new Map<object, Resolution>();
  private readonly references: Reference[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly declaredIn = new Map<string, Set<string>>();

  result(): Resolved {
    return {
      table: this.table,
      resolutions: this.resolutions,
      references: this.references,
      diagnostics: this.diagnostics,
      declaredIn: this.declaredIn,
    };
  }

  private base(name: Name, uri: string, span: Span, doc?: string) {
    return {
      id: this.nextId++,
      name: name.text,
      uri,
      nameSpan: name.span,
      span,
      ...(doc !== undefined ? { doc } : {}),
    };
  }

  private addGlobal(sym: GlobalSym) {
    this.table.all.push(sym);
    if (sym.name === "") return;
    const prev = this.table.globals.get(sym.name);
    if (prev) {
      this.diagnostics.push(
        diag("C0102", { name: sym.name, kind: symbolKindLabel(prev) }, sym.uri, sym.nameSpan, {
          related: [{ uri: prev.uri, span: prev.nameSpan, message: `'${prev.name}' is first declared here` }],
        }),
      );
      return;
    }
    this.table.globals.set(sym.name, sym);
    let files = this.declaredIn.get(sym.uri);
    if (!files) this.declaredIn.set(sym.uri, (files = new Set()));
    files.add(sym.name);
  }

  private ref(sym: Sym, uri: string, span: Span) {
    this.references.push({ symbol: sym, uri, span });
    this.checkVisible(sym, uri, span);
  }

  private set(node: object, res: Resolution) {
    this.resolutions.set(node, res);
  }

  // ------------------------------------------------------------------ collection

  collect(uri: string, decls: Declaration[]) {
    for (const d of decls) {
      switch (d.kind) {
        case "Dimension": {
          const dim: DimensionSym = {
            kind: "dimension",
            ...this.base(d.name, uri, d.span, d.doc),
            decl: d,
            members: new Map(),
          };
          this.addGlobal(dim);
          this.table.dimensions.push(dim);
          for (const m of d.members) {
            if (m.name.text === "") continue;
            const mem: MemberSym = { kind: "member", ...this.base(m.name, uri, m.span), decl: m, dimension: dim };
            this.table.all.push(mem);
            if (dim.members.has(m.name.text)) {
              this.diagnostics.push(diag("C0109", { name: m.name.text, owner: dim.name }, uri, m.name.span));
              continue;
            }
            dim.members.set(m.name.text, mem);
            const list = this.table.members.get(m.name.text);
            if (list) list.push(mem);
            else this.table.members.set(m.name.text, [mem]);
          }
          break;
        }
        case "Input": {
          const t: TableSym = {
            kind: "table",
            ...this.base(d.name, uri, d.span, d.doc),
            role: d.role,
            decl: d,
            columns: new Map(),
          };
          this.addGlobal(t);
          this.table.tables.push(t);
          for (const c of d.columns) {
            if (c.name.text === "") continue;
            if (t.columns.has(c.name.text)) {
              this.diagnostics.push(diag("C0109", { name: c.name.text, owner: t.name }, uri, c.name.span));
              continue;
            }
            const col = { kind: "column" as const, ...this.base(c.name, uri, c.span), decl: c, table: t };
            this.table.all.push(col);
            t.columns.set(c.name.text, col);
          }
          break;
        }
        case "Credit": {
          const c: CreditSym = { kind: "credit", ...this.base(d.name, uri, d.span, d.doc), decl: d };
          this.addGlobal(c);
          this.table.credits.push(c);
          break;
        }
        case "Value": {
          const v: ValueSym = {
            kind: "value",
            ...this.base(d.name, uri, d.span, d.doc),
            keyword: d.keyword,
            decl: d,
            params: [],
          };
          this.addGlobal(v);
          this.table.values.push(v);
          for (const p of d.params ?? []) this.addParam(v, p, uri);
          break;
        }
        case "Tiers": {
          const t = { kind: "tiers" as const, ...this.base(d.name, uri, d.span, d.doc), decl: d };
          this.addGlobal(t);
          this.table.tiers.push(t);
          break;
        }
        case "Matrix": {
          const m = { kind: "matrix" as const, ...this.base(d.name, uri, d.span, d.doc), decl: d };
          this.addGlobal(m);
          this.table.matrices.push(m);
          break;
        }
        case "Curve": {
          const c = { kind: "curve" as const, ...this.base(d.name, uri, d.span, d.doc), decl: d };
          this.addGlobal(c);
          this.table.curves.push(c);
          break;
        }
        case "Table": {
          const l = { kind: "lookup" as const, ...this.base(d.name, uri, d.span, d.doc), decl: d, keyDims: [] };
          this.addGlobal(l);
          this.table.lookups.push(l);
          break;
        }
        case "Component": {
          const c: ComponentSym = {
            kind: "component",
            ...this.base(d.name, uri, d.span, d.doc),
            decl: d,
            locals: new Map(),
          };
          this.addGlobal(c);
          this.table.components.push(c);
          if (d.forEach) c.forEach = this.addParam(c, d.forEach, uri);
          for (const cl of d.clauses) {
            if (cl.kind !== "Let" || cl.name.text === "") continue;
            const l: LocalSym = { kind: "local", ...this.base(cl.name, uri, cl.span), clause: cl, owner: c };
            this.table.all.push(l);
            if (c.locals.has(cl.name.text) || c.forEach?.name === cl.name.text) {
              this.diagnostics.push(diag("C0109", { name: cl.name.text, owner: c.name }, uri, cl.name.span));
              continue;
            }
            c.locals.set(cl.name.text, l);
          }
          break;
        }
        case "Test": {
          const t = {
            kind: "test" as const,
            id: this.nextId++,
            name: d.title.value,
            uri,
            nameSpan: d.title.span,
            span: d.span,
            decl: d,
            ...(d.doc !== undefined ? { doc: d.doc } : {}),
          };
          this.table.all.push(t);
          this.table.tests.push(t);
          break;
        }
        default:
          break; // plan, fx and payout blocks declare no names
      }
    }
  }

  private addParam(
    owner: ValueSym | ComponentSym,
    p: { name: Name; type: Name; span: Span; kind: "Param" },
    uri: string,
  ): ParamSym {
    const ps: ParamSym = { kind: "param", ...this.base(p.name, uri, p.span), decl: p, owner };
    this.table.all.push(ps);
    if (owner.kind === "value") {
      if (owner.params.some((q) => q.name === ps.name && ps.name !== "")) {
        this.diagnostics.push(diag("C0109", { name: ps.name, owner: owner.name }, uri, p.name.span));
      }
      owner.params.push(ps);
    }
    return ps;
  }

  // ------------------------------------------------------------------ declaration-level links

  /** Resolve a Name that must denote a global of one of `kinds`. */
  private global(name: Name, uri: string, kinds: GlobalSym["kind"][], expected: string): GlobalSym | undefined {
    if (name.text === "") return undefined;
    const sym = this.table.globals.get(name.text);
    if (!sym) {
      const suggestion = closest(
        name.text,
        [...this.table.globals.values()].filter((s) => kinds.includes(s.kind)).map((s) => s.name),
      );
      this.diagnostics.push(
        diag("C0101", { name: name.text, suggestion }, uri, name.span, { fixes: replaceFix(name.span, suggestion) }),
      );
      this.set(name, { kind: "error" });
      return undefined;
    }
    this.ref(sym, uri, name.span);
    this.set(name, { kind: "sym", sym });
    if (!kinds.includes(sym.kind)) {
      this.diagnostics.push(diag("C0115", { name: name.text, expected }, uri, name.span));
      return undefined;
    }
    return sym;
  }

  dimension(name: Name, uri: string): DimensionSym | undefined {
    return this.global(name, uri, ["dimension"], "a dimension") as DimensionSym | undefined;
  }

  /** A member of `dim` or (for lookup keys) of one of its ancestors. */
  private member(name: Name, uri: string, dim: DimensionSym, ancestors: boolean): MemberSym | undefined {
    for (let d: DimensionSym | undefined = dim; d; d = ancestors ? d.parentDim : undefined) {
      const m = d.members.get(name.text);
      if (m) {
        this.ref(m, uri, name.span);
        this.set(name, { kind: "sym", sym: m });
        return m;
      }
    }
    const all: string[] = [];
    for (let d: DimensionSym | undefined = dim; d; d = ancestors ? d.parentDim : undefined)
      all.push(...d.members.keys());
    const suggestion = closest(name.text, all);
    this.diagnostics.push(
      diag("C0110", { name: name.text, dimension: dim.name, suggestion }, uri, name.span, {
        fixes: replaceFix(name.span, suggestion && (name.quoted ? JSON.stringify(suggestion) : suggestion)),
      }),
    );
    this.set(name, { kind: "error" });
    return undefined;
  }

  linkDeclarations() {
    const t = this.table;
    for (const d of t.dimensions) {
      if (d.decl.parent) d.parentDim = this.dimension(d.decl.parent, d.uri);
    }
    // A dimension cycle through `of` would make ancestor walks endless: cut it.
    for (const d of t.dimensions) {
      const seen = new Set<DimensionSym>();
      for (let p: DimensionSym | undefined = d; p; p = p.parentDim) {
        if (seen.has(p)) {
          this.diagnostics.push(
            diag(
              "C0301",
              {
                cycle: [...seen]
                  .map((s) => s.name)
                  .concat(p.name)
                  .join(" → "),
              },
              d.uri,
              d.decl.parent!.span,
            ),
          );
          d.parentDim = undefined;
          break;
        }
        seen.add(p);
      }
    }
    for (const d of t.dimensions) {
      for (const m of d.members.values()) {
        const pn = m.decl.parent;
        if (d.parentDim && pn) m.parentMember = this.member(pn, d.uri, d.parentDim, false);
        else if (d.decl.parent && !pn) this.diagnostics.push(diag("C0111", { name: m.name }, m.uri, m.nameSpan));
        else if (!d.decl.parent && pn)
          this.diagnostics.push(
            diag("C0111", { name: m.name }, m.uri, pn.span, {
              help: `'${d.name}' has no parent dimension: remove ': ${pn.text}' or declare '${d.name} of <Dimension>'.`,
            }),
          );
      }
    }
    for (const tb of t.tables) {
      for (const c of tb.columns.values()) {
        const ty = c.decl.type;
        if (ty.name.text === "" || BUILTIN_TYPES.includes(ty.name.text)) {
          if (ty.currencyColumn && ty.currencyColumn.text !== "") {
            const cc = tb.columns.get(ty.currencyColumn.text);
            if (cc) {
              this.ref(cc, tb.uri, ty.currencyColumn.span);
              this.set(ty.currencyColumn, { kind: "sym", sym: cc });
            } else {
              const suggestion = closest(ty.currencyColumn.text, tb.columns.keys());
              this.diagnostics.push(
                diag(
                  "C0107",
                  { name: ty.currencyColumn.text, owner: tb.name, suggestion },
                  tb.uri,
                  ty.currencyColumn.span,
                  { fixes: replaceFix(ty.currencyColumn.span, suggestion) },
                ),
              );
            }
          }
          continue;
        }
        const sym = t.globals.get(ty.name.text);
        if (sym?.kind === "dimension") {
          this.ref(sym, tb.uri, ty.name.span);
          this.set(ty.name, { kind: "sym", sym });
        } else {
          const suggestion = closest(ty.name.text, [...BUILTIN_TYPES, ...t.dimensions.map((x) => x.name)]);
          this.diagnostics.push(
            diag("C0108", { name: ty.name.text, suggestion }, tb.uri, ty.name.span, {
              fixes: replaceFix(ty.name.span, suggestion),
            }),
          );
          this.set(ty.name, { kind: "error" });
        }
      }
    }
    for (const c of t.credits) {
      for (const cl of c.decl.clauses) {
        if (cl.kind === "CreditFrom")
          c.source = this.global(cl.table, c.uri, ["table"], "an input table") as TableSym | undefined;
        else if (cl.kind === "CreditJoin")
          c.join = this.global(cl.table, c.uri, ["table"], "an input table") as TableSym | undefined;
        else if (cl.kind === "CreditRollup")
          c.rollup = this.global(cl.rule, c.uri, ["credit"], "a credit rule") as CreditSym | undefined;
      }
    }
    const params = [
      ...t.values.flatMap((v) => v.params),
      ...t.components.flatMap((c) => (c.forEach ? [c.forEach] : [])),
    ];
    for (const p of params) p.dimension = this.dimension(p.decl.type, p.uri);
    for (const l of t.lookups) {
      l.keyDims = l.decl.keys.map((k) => this.dimension(k, l.uri));
      for (const row of l.decl.rows) {
        if (!row.keys) continue;
        row.keys.forEach((k, i) => {
          const dim = l.keyDims[i];
          if (dim && k.text !== "") this.member(k, l.uri, dim, true);
        });
      }
    }
  }

  checkImports(uri: string, imports: { node: { names?: Name[] }; target: string | undefined }[], ws: LoadedWorkspace) {
    for (const imp of imports) {
      if (!imp.node.names || !imp.target) continue;
      const declared = this.declaredIn.get(imp.target) ?? new Set<string>();
      const rel = ws.files.get(imp.target)?.relPath ?? imp.target;
      for (const n of imp.node.names) {
        if (n.text === "") continue;
        const sym = this.table.globals.get(n.text);
        if (sym && declared.has(n.text)) {
          this.ref(sym, uri, n.span);
          this.set(n, { kind: "sym", sym });
        } else {
          const suggestion = closest(n.text, declared);
          this.diagnostics.push(
            diag("C0104", { name: n.text, path: rel, suggestion }, uri, n.span, {
              fixes: replaceFix(n.span, suggestion),
            }),
          );
        }
      }
    }
  }

  // ------------------------------------------------------------------ expressions

  resolveBodies() {
    const t = this.table;
    for (const v of t.values) this.expr(v.decl.body, v.uri, { params: v.params });
    for (const c of t.components) {
      const scope: Scope = { locals: c.locals, params: c.forEach ? [c.forEach] : [] };
      for (const cl of c.decl.clauses) {
        switch (cl.kind) {
          case "Window":
            this.expr(cl.from, c.uri, scope);
            this.expr(cl.to, c.uri, scope);
            break;
          case "Eligible":
          case "Gate":
            this.expr(cl.condition, c.uri, scope);
            break;
          case "Let":
          case "Payout":
          case "Floor":
          case "Cap":
            this.expr(cl.value, c.uri, scope);
            break;
          case "Hold":
            this.expr(cl.bound, c.uri, scope);
            break;
          default:
            break;
        }
      }
    }
    for (const c of t.credits) {
      for (const cl of c.decl.clauses) {
        if (cl.kind === "CreditDated") this.expr(cl.date, c.uri, {});
        else if (cl.kind === "CreditJoin") this.expr(cl.on, c.uri, {});
        else if (cl.kind === "CreditTo") this.expr(cl.person, c.uri, {});
        else if (cl.kind === "CreditSplit") this.expr(cl.share, c.uri, {});
        else if (cl.kind === "CreditDepth") this.expr(cl.depth, c.uri, {});
      }
    }
    for (const tr of t.tiers)
      for (const b of tr.decl.bands) [b.from, b.to, b.value].forEach((e) => e && this.expr(e, tr.uri, {}));
    for (const m of t.matrices) {
      for (const b of [...m.decl.columns, ...m.decl.rows.map((r) => r.band)])
        [b.from, b.to].forEach((e) => e && this.expr(e, m.uri, {}));
      for (const r of m.decl.rows) for (const v of r.values) this.expr(v, m.uri, {});
    }
    for (const cv of t.curves) for (const p of cv.decl.points) [p.x, p.y].forEach((e) => e && this.expr(e, cv.uri, {}));
    for (const l of t.lookups) for (const row of l.decl.rows) this.expr(row.value, l.uri, {});
    for (const ts of t.tests) this.resolveTest(ts);
  }

  /** Resolve top-level declarations that are not in the symbol table (plan, fx, payout) of a file. */
  resolveLooseDeclarations(uri: string, decls: Declaration[]) {
    for (const d of decls) {
      if (d.kind === "Fx") this.global(d.table, uri, ["table"], "an input table");
      else if (d.kind === "PayoutRules") {
        for (const r of d.rules) {
          if (r.kind === "Settle" || r.kind === "Release") this.global(r.table, uri, ["table"], "an input table");
          else this.expr(r.value, uri, {});
        }
      } else if (d.kind === "Check") {
        for (const cl of d.clauses) {
          if (cl.kind === "CheckFrom") this.global(cl.table, uri, ["table"], "an input table");
          else if (cl.kind === "CheckPer") for (const c of cl.columns) this.expr(c, uri, {});
          else if (cl.kind === "CheckAssert") this.expr(cl.condition, uri, {});
        }
      } else if (d.kind === "Plan") {
        for (const f of d.fields) {
          if (f.kind === "PlanEffective") {
            this.expr(f.from, uri, {});
            this.expr(f.to, uri, {});
          }
        }
      }
    }
  }

  private resolveTest(ts: { decl: import("@carrot/language").TestDecl; uri: string }) {
    const uri = ts.uri;
    for (const st of ts.decl.statements) {
      switch (st.kind) {
        case "TestPeriod":
          break;
        case "GivenValue": {
          const sym = this.testTarget(st.name, uri, ["value"], "a measure, quota or let");
          this.testArgs(st.args, sym, uri);
          this.expr(st.value, uri, {});
          break;
        }
        case "GivenRow": {
          const tbl = this.global(st.table, uri, ["table"], "an input table") as TableSym | undefined;
          for (const f of st.fields) {
            if (tbl && f.name.text !== "") {
              const col = tbl.columns.get(f.name.text);
              if (col) {
                this.ref(col, uri, f.name.span);
                this.set(f.name, { kind: "sym", sym: col });
              } else {
                const suggestion = closest(f.name.text, tbl.columns.keys());
                this.diagnostics.push(
                  diag(
                    "C0602",
                    {
                      detail: `'${tbl.name}' has no column '${f.name.text}'${suggestion ? `; did you mean '${suggestion}'?` : ""}`,
                    },
                    uri,
                    f.name.span,
                    { fixes: replaceFix(f.name.span, suggestion) },
                  ),
                );
              }
            }
            this.valueLiteral(f.value, uri);
          }
          break;
        }
        case "Expect": {
          if (st.target.text === "total") {
            this.set(st.target, { kind: "word", text: "total" });
          } else {
            const sym = this.testTarget(st.target, uri, ["component", "value"], "a component or a measure");
            this.testArgs(st.args, sym, uri);
          }
          this.expr(st.value, uri, {});
          break;
        }
      }
    }
  }

  /** Row cells in tests are constants; bare names in them are members (resolved by the checker against the column's dimension). */
  private valueLiteral(e: Expr, uri: string) {
    if (e.kind === "NameRef") return; // a member of the column's dimension: resolved by the checker
    this.expr(e, uri, {});
  }

  private testTarget(
    name: Name,
    uri: string,
    kinds: ("component" | "value")[],
    expected: string,
  ): ValueSym | ComponentSym | undefined {
    if (name.text === "") return undefined;
    const sym = this.table.globals.get(name.text);
    if (!sym || !kinds.includes(sym.kind as "component" | "value")) {
      const suggestion = closest(
        name.text,
        [...this.table.globals.values()].filter((s) => kinds.includes(s.kind as "value")).map((s) => s.name),
      );
      this.diagnostics.push(
        diag("C0601", { name: name.text, expected, suggestion }, uri, name.span, {
          fixes: replaceFix(name.span, suggestion),
        }),
      );
      this.set(name, { kind: "error" });
      return undefined;
    }
    this.ref(sym, uri, name.span);
    this.set(name, { kind: "sym", sym });
    return sym as ValueSym | ComponentSym;
  }

  /** Test arguments are members of the target's parameter dimensions. */
  private testArgs(args: Expr[] | undefined, sym: ValueSym | ComponentSym | undefined, uri: string) {
    if (!args) return;
    const params = sym?.kind === "value" ? sym.params : sym?.forEach ? [sym.forEach] : [];
    args.forEach((a, i) => {
      const dim = params[i]?.dimension;
      if (dim && (a.kind === "NameRef" || a.kind === "StringLit")) {
        const name: Name = a.kind === "NameRef" ? a.name : { kind: "Name", text: a.value, quoted: true, span: a.span };
        const m = this.member(name, uri, dim, false);
        this.set(a, m ? { kind: "sym", sym: m } : { kind: "error" });
      } else if (!(a.kind === "NameRef" || a.kind === "StringLit")) {
        this.expr(a, uri, {});
      }
    });
  }

  /** Every name visible from a scope, for suggestions. */
  private visibleNames(scope: Scope): string[] {
    const names = [...this.table.globals.keys(), ...this.table.members.keys(), ...BUILTIN_VALUES];
    if (scope.locals) names.push(...scope.locals.keys());
    if (scope.params) names.push(...scope.params.map((p) => p.name));
    return names;
  }

  private lookupName(name: Name, uri: string, scope: Scope, callee: boolean): Resolution {
    const text = name.text;
    const local = scope.locals?.get(text);
    if (local) {
      this.ref(local, uri, name.span);
      return { kind: "sym", sym: local };
    }
    const param = scope.params?.find((p) => p.name === text);
    if (param) {
      this.ref(param, uri, name.span);
      return { kind: "sym", sym: param };
    }
    const g = this.table.globals.get(text);
    if (g) {
      this.ref(g, uri, name.span);
      return { kind: "sym", sym: g };
    }
    if (callee && (BUILTIN_FUNCTIONS as readonly string[]).includes(text))
      return { kind: "function", name: text as BuiltinFunction };
    const members = this.table.members.get(text);
    if (members && members.length > 0) {
      if (members.length === 1) {
        this.ref(members[0], uri, name.span);
        return { kind: "sym", sym: members[0] };
      }
      return { kind: "members", candidates: members };
    }
    if ((BUILTIN_VALUES as readonly string[]).includes(text)) return { kind: "builtin", name: text as BuiltinValue };
    const candidates = this.visibleNames(scope);
    if (callee) candidates.push(...BUILTIN_FUNCTIONS);
    const suggestion = closest(text, candidates);
    this.diagnostics.push(
      diag("C0101", { name: text, suggestion }, uri, name.span, { fixes: replaceFix(name.span, suggestion) }),
    );
    return { kind: "error" };
  }

  expr(e: Expr, uri: string, scope: Scope): void {
    switch (e.kind) {
      case "NameRef":
        if (e.name.text === "") {
          this.set(e, { kind: "error" });
          return;
        }
        this.set(e, this.lookupName(e.name, uri, scope, false));
        return;
      case "PathExpr":
        this.expr(e.object, uri, scope);
        this.set(e, this.pathMember(e, uri));
        return;
      case "CallExpr":
        this.call(e, uri, scope);
        return;
      case "IndexExpr":
        this.expr(e.object, uri, scope);
        e.keys.forEach((k) => this.expr(k, uri, scope));
        return;
      case "UnaryExpr":
        this.expr(e.operand, uri, scope);
        return;
      case "BinaryExpr":
        this.expr(e.left, uri, scope);
        this.expr(e.right, uri, scope);
        return;
      case "InExpr":
        this.expr(e.value, uri, scope);
        this.expr(e.from, uri, scope);
        if (e.to) this.expr(e.to, uri, scope);
        return;
      case "IfExpr":
        this.expr(e.condition, uri, scope);
        this.expr(e.then, uri, scope);
        this.expr(e.else, uri, scope);
        return;
      case "ParenExpr":
        this.expr(e.inner, uri, scope);
        return;
      case "RangeExpr":
        this.expr(e.from, uri, scope);
        if (e.to) this.expr(e.to, uri, scope);
        return;
      default:
        return; // literals and ErrorExpr
    }
  }

  private call(e: Extract<Expr, { kind: "CallExpr" }>, uri: string, scope: Scope) {
    let fn: Resolution | undefined;
    if (e.callee.kind === "NameRef" && e.callee.name.text !== "") {
      fn = this.lookupName(e.callee.name, uri, scope, true);
      this.set(e.callee, fn);
    } else {
      this.expr(e.callee, uri, scope);
    }
    const name = fn?.kind === "function" ? fn.name : undefined;
    e.args.forEach((a: Argument, i) => {
      const v = a.value;
      if ((name === "convert" && i === 1) || (name === "round" && i === 2)) {
        if (v.kind === "NameRef") {
          this.set(v, { kind: "word", text: v.name.text });
          return;
        }
      }
      if (name === "weighted" && i > 0 && a.name) {
        const measure = e.args[0] ? this.resolutions.get(e.args[0].value) : undefined;
        const dim =
          measure?.kind === "sym" && measure.sym.kind === "value" ? measure.sym.params[0]?.dimension : undefined;
        if (dim) this.member(a.name, uri, dim, false);
      }
      this.expr(v, uri, scope);
    });
    if (e.where) this.expr(e.where, uri, scope);
  }

  /** The member of a PathExpr, given its object's resolution. */
  private pathMember(e: Extract<Expr, { kind: "PathExpr" }>, uri: string): Resolution {
    const name = e.member;
    if (name.text === "") return { kind: "error" };
    const obj =
      e.object.kind === "NameRef" || e.object.kind === "PathExpr" ? this.resolutions.get(e.object) : undefined;
    const dimByName = this.table.globals.get(name.text);
    const ancestor = (): Resolution | undefined => {
      if (dimByName?.kind === "dimension") {
        this.ref(dimByName, uri, name.span);
        return { kind: "ancestor", dimension: dimByName };
      }
      return undefined;
    };
    const column = (
      owner: string,
      columns: Map<string, import("./symbols.js").ColumnSym>[],
      personAttr: boolean,
    ): Resolution => {
      for (const cols of columns) {
        const c = cols.get(name.text);
        if (c) {
          this.ref(c, uri, name.span);
          return personAttr ? { kind: "personAttr", column: c } : { kind: "sym", sym: c };
        }
      }
      const suggestion = closest(
        name.text,
        columns.flatMap((c) => [...c.keys()]),
      );
      this.diagnostics.push(
        diag("C0107", { name: name.text, owner, suggestion }, uri, name.span, {
          fixes: replaceFix(name.span, suggestion),
        }),
      );
      return { kind: "error" };
    };
    // Any other object (a call, a literal, a parenthesised expression) has no members but
    // ancestors: reported here, or the checker would see an error nobody reported.
    if (!obj) return ancestor() ?? this.notAMember("this expression", name, uri);
    switch (obj.kind) {
      case "error":
        return { kind: "error" };
      case "builtin":
        if (obj.name === "person") {
          const people = this.table.tables.find((t) => t.role === "people");
          if (!people) return { kind: "error" }; // C0120 reports the missing table
          return column("person", [people.columns], true);
        }
        if (obj.name === "reports" || obj.name === "team") {
          const target = this.table.globals.get(name.text);
          if (target && (target.kind === "component" || target.kind === "value")) {
            this.ref(target, uri, name.span);
            return { kind: "teamTarget", scope: obj.name, target };
          }
          const suggestion = closest(
            name.text,
            [...this.table.globals.values()]
              .filter((s) => s.kind === "component" || s.kind === "value")
              .map((s) => s.name),
          );
          this.diagnostics.push(
            diag("C0101", { name: name.text, suggestion }, uri, name.span, {
              fixes: replaceFix(name.span, suggestion),
            }),
          );
          return { kind: "error" };
        }
        return ancestor() ?? this.notAMember(obj.name, name, uri);
      case "sym": {
        const s = obj.sym;
        if (s.kind === "table") return column(s.name, [s.columns], false);
        if (s.kind === "credit") {
          // A rule whose table failed to resolve was reported there; its columns are unknown, not wrong.
          if (!creditResolved(s)) return { kind: "error" };
          return column(s.name, creditColumns(s), false);
        }
        if (s.kind === "dimension") {
          const m = s.members.get(name.text);
          if (m) {
            this.ref(m, uri, name.span);
            return { kind: "sym", sym: m };
          }
          const suggestion = closest(name.text, s.members.keys());
          this.diagnostics.push(
            diag("C0110", { name: name.text, dimension: s.name, suggestion }, uri, name.span, {
              fixes: replaceFix(name.span, suggestion),
            }),
          );
          return { kind: "error" };
        }
        if (s.kind === "tiers" && name.text === "rate") return { kind: "tierRate", tiers: s };
        return ancestor() ?? this.notAMember(s.name, name, uri);
      }
      default:
        return (
          ancestor() ?? this.notAMember(e.object.kind === "NameRef" ? e.object.name.text : "this expression", name, uri)
        );
    }
  }

  private notAMember(owner: string, name: Name, uri: string): Resolution {
    this.diagnostics.push(diag("C0107", { name: name.text, owner }, uri, name.span));
    return { kind: "error" };
  }
}

/** False when a table or rule the credit rule names (or rolls up) did not resolve. */
export function creditResolved(c: CreditSym, seen = new Set<CreditSym>()): boolean {
  if (seen.has(c)) return true;
  seen.add(c);
  for (const cl of c.decl.clauses) {
    if (cl.kind === "CreditFrom" && !c.source) return false;
    if (cl.kind === "CreditJoin" && !c.join) return false;
    if (cl.kind === "CreditRollup" && (!c.rollup || !creditResolved(c.rollup, seen))) return false;
  }
  return true;
}

/** The columns a credit rule's relation exposes: its source's, then its joined table's (or, for a rollup, the rolled-up rule's). */
export function creditColumns(
  c: CreditSym,
  seen = new Set<CreditSym>(),
): Map<string, import("./symbols.js").ColumnSym>[] {
  if (seen.has(c)) return [];
  seen.add(c);
  if (c.rollup) return creditColumns(c.rollup, seen);
  return [c.source?.columns, c.join?.columns].filter(
    (x): x is Map<string, import("./symbols.js").ColumnSym> => x !== undefined,
  );
}

/** Resolve the whole workspace, including plan, fx and payout declarations. */
export function resolveAll(ws: LoadedWorkspace): Resolved {
  const r = new Resolver(ws);
  for (const file of ws.files.values()) r.collect(file.uri, file.ast.declarations);
  r.linkDeclarations();
  for (const file of ws.files.values()) r.checkImports(file.uri, file.imports, ws);
  r.resolveBodies();
  for (const file of ws.files.values()) r.resolveLooseDeclarations(file.uri, file.ast.declarations);
  return r.result();
}

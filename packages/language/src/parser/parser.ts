/**
 * The Carrot grammar (docs/language.md, section 6) as a Chevrotain CST parser.
 *
 * The parser is built once and reused: `parseDeclaration` parses one top-level declaration (the
 * driver in ../parse.ts cuts the token stream into declarations first, so a broken declaration
 * never disturbs its neighbours). Labels name the children that the CST → AST pass reads.
 */
import { CstParser, type CstNode, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
import { messageProvider } from "./messages.js";
import * as T from "../lexer/tokens.js";

const K = T.Keyword;
const kw = (word: string) => K[word]!;

const CURRENCY_CODE = /^[A-Z]{3}$/;

// prettier-ignore
const BINARY_OPERATORS = [
  kw("otherwise"), kw("or"), kw("and"), kw("in"),
  T.Eq, T.NotEq, T.LtEq, T.GtEq, T.Lt, T.Gt,
  T.Plus, T.Minus, T.Star, T.Slash,
];
const ARITHMETIC_OPERATORS: ReadonlySet<TokenType> = new Set([T.Plus, T.Minus, T.Star, T.Slash]);

class CarrotParser extends CstParser {
  /** The text being parsed: needed to tell whether two tokens are on the same line. */
  sourceText = "";

  constructor() {
    super([...T.ALL_TOKENS], {
      recoveryEnabled: true,
      maxLookahead: 3,
      nodeLocationTracking: "onlyOffset",
      errorMessageProvider: messageProvider,
    });
    this.performSelfAnalysis();
  }

  // ---------------------------------------------------------------------------------------------
  // Declarations

  declaration = this.RULE("declaration", () => {
    this.OR({
      DEF: [
        { ALT: () => this.SUBRULE(this.importDecl) },
        { ALT: () => this.SUBRULE(this.planDecl) },
        { ALT: () => this.SUBRULE(this.dimensionDecl) },
        { ALT: () => this.SUBRULE(this.inputDecl) },
        { ALT: () => this.SUBRULE(this.fxDecl) },
        { ALT: () => this.SUBRULE(this.creditDecl) },
        { ALT: () => this.SUBRULE(this.valueDecl) },
        { ALT: () => this.SUBRULE(this.tiersDecl) },
        { ALT: () => this.SUBRULE(this.matrixDecl) },
        { ALT: () => this.SUBRULE(this.curveDecl) },
        { ALT: () => this.SUBRULE(this.tableDecl) },
        { ALT: () => this.SUBRULE(this.componentDecl) },
        { ALT: () => this.SUBRULE(this.payoutDecl) },
        { ALT: () => this.SUBRULE(this.checkDecl) },
        { ALT: () => this.SUBRULE(this.testDecl) },
      ],
      ERR_MSG: "a declaration",
    });
  });

  importDecl = this.RULE("importDecl", () => {
    this.CONSUME(kw("import"));
    this.OR({
      DEF: [
        { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: "path" }) },
        {
          ALT: () => {
            this.CONSUME(T.LBrace);
            this.CONSUME(T.AnyName, { LABEL: "names" });
            this.MANY(() => {
              this.CONSUME(T.Comma);
              this.CONSUME2(T.AnyName, { LABEL: "names" });
            });
            this.CONSUME(T.RBrace);
            this.CONSUME(kw("from"));
            this.CONSUME2(T.StringLiteral, { LABEL: "path" });
          },
        },
      ],
      ERR_MSG: "a file path or '{'",
    });
  });

  planDecl = this.RULE("planDecl", () => {
    this.CONSUME(kw("plan"));
    this.CONSUME(T.StringLiteral, { LABEL: "title" });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.planField));
    this.CONSUME(T.RBrace);
  });

  planField = this.RULE("planField", () => {
    this.OR({
      DEF: [
        {
          ALT: () => {
            this.CONSUME(kw("version"), { LABEL: "keyword" });
            this.CONSUME(T.StringLiteral, { LABEL: "value" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("currency"), { LABEL: "keyword" });
            this.CONSUME(T.AnyName, { LABEL: "name" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("effective"), { LABEL: "keyword" });
            this.SUBRULE(this.expression, { LABEL: "from" });
            this.CONSUME(T.DotDot);
            this.SUBRULE2(this.expression, { LABEL: "to" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("period"), { LABEL: "keyword" });
            this.CONSUME2(T.AnyName, { LABEL: "name" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("rounding"), { LABEL: "keyword" });
            this.CONSUME(T.NumberLiteral, { LABEL: "scale" });
            this.CONSUME3(T.AnyName, { LABEL: "name" });
            this.OPTION(() => {
              this.CONSUME(kw("on"));
              this.CONSUME4(T.AnyName, { LABEL: "on" });
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("pay"), { LABEL: "keyword" });
            this.OR2({
              DEF: [
                { ALT: () => this.CONSUME(kw("every"), { LABEL: "timing" }) },
                { ALT: () => this.CONSUME(kw("next"), { LABEL: "timing" }) },
              ],
              ERR_MSG: "'every' or 'next'",
            });
            this.CONSUME5(T.AnyName, { LABEL: "name" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("fiscal"), { LABEL: "keyword" });
            this.CONSUME(kw("year"));
            this.CONSUME(kw("from"));
            this.CONSUME6(T.AnyName, { LABEL: "name" });
            this.OPTION2(() => {
              this.CONSUME(kw("named"));
              this.CONSUME(kw("by"));
              this.CONSUME7(T.AnyName, { LABEL: "named" });
            });
          },
        },
      ],
      ERR_MSG: "a plan field (version, currency, effective, period, rounding, pay or fiscal year)",
    });
  });

  dimensionDecl = this.RULE("dimensionDecl", () => {
    this.CONSUME(kw("dimension"));
    this.CONSUME(T.AnyName, { LABEL: "name" });
    this.OPTION(() => {
      this.CONSUME(kw("of"));
      this.CONSUME2(T.AnyName, { LABEL: "parent" });
    });
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.member);
      this.OPTION2(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  member = this.RULE("member", () => {
    this.SUBRULE(this.nameOrString, { LABEL: "name" });
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE2(this.nameOrString, { LABEL: "parent" });
    });
  });

  nameOrString = this.RULE("nameOrString", () => {
    this.OR({
      DEF: [
        { ALT: () => this.CONSUME(T.AnyName, { LABEL: "token" }) },
        { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: "token" }) },
      ],
      ERR_MSG: "a name or a string",
    });
  });

  inputDecl = this.RULE("inputDecl", () => {
    this.OR([
      { ALT: () => this.CONSUME(kw("input"), { LABEL: "role" }) },
      { ALT: () => this.CONSUME(kw("people"), { LABEL: "role" }) },
    ]);
    this.CONSUME(T.AnyName, { LABEL: "name" });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.column));
    this.CONSUME(T.RBrace);
  });

  column = this.RULE("column", () => {
    this.CONSUME(T.AnyName, { LABEL: "name" });
    this.SUBRULE(this.typeRef);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(kw("key"), { LABEL: "modifier" }) },
        { ALT: () => this.CONSUME(kw("optional"), { LABEL: "modifier" }) },
      ]);
    });
  });

  typeRef = this.RULE("typeRef", () => {
    this.CONSUME(T.AnyName, { LABEL: "name" });
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.LBracket);
            this.CONSUME2(T.AnyName, { LABEL: "currency" });
            this.CONSUME(T.RBracket);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.LParen);
            this.CONSUME3(T.AnyName, { LABEL: "currencyColumn" });
            this.CONSUME(T.RParen);
          },
        },
      ]);
    });
  });

  fxDecl = this.RULE("fxDecl", () => {
    this.CONSUME(kw("fx"));
    this.CONSUME(kw("from"));
    this.CONSUME(T.AnyName, { LABEL: "table" });
  });

  creditDecl = this.RULE("creditDecl", () => {
    this.CONSUME(kw("credit"));
    this.CONSUME(T.AnyName, { LABEL: "name" });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.creditClause));
    this.CONSUME(T.RBrace);
  });

  creditClause = this.RULE("creditClause", () => {
    this.OR({
      DEF: [
        {
          ALT: () => {
            this.CONSUME(kw("from"), { LABEL: "keyword" });
            this.CONSUME(T.AnyName, { LABEL: "name" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("dated"), { LABEL: "keyword" });
            this.SUBRULE(this.expression, { LABEL: "value" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("join"), { LABEL: "keyword" });
            this.CONSUME2(T.AnyName, { LABEL: "name" });
            this.CONSUME(kw("on"));
            this.SUBRULE2(this.expression, { LABEL: "value" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("to"), { LABEL: "keyword" });
            this.SUBRULE3(this.expression, { LABEL: "value" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("split"), { LABEL: "keyword" });
            this.SUBRULE4(this.expression, { LABEL: "value" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("rollup"), { LABEL: "keyword" });
            this.CONSUME3(T.AnyName, { LABEL: "name" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("depth"), { LABEL: "keyword" });
            this.CONSUME(T.NumberLiteral, { LABEL: "number" });
          },
        },
      ],
      ERR_MSG: "a credit clause (from, dated, join, to, split, rollup or depth)",
    });
  });

  valueDecl = this.RULE("valueDecl", () => {
    this.OR([
      { ALT: () => this.CONSUME(kw("measure"), { LABEL: "keyword" }) },
      { ALT: () => this.CONSUME(kw("quota"), { LABEL: "keyword" }) },
      { ALT: () => this.CONSUME(kw("let"), { LABEL: "keyword" }) },
    ]);
    this.CONSUME(T.AnyName, { LABEL: "name" });
    this.OPTION(() => this.SUBRULE(this.params));
    this.CONSUME(T.Eq);
    this.SUBRULE(this.expression, { LABEL: "body" });
  });

  params = this.RULE("params", () => {
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.param);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.param);
      });
    });
    this.CONSUME(T.RParen);
  });

  param = this.RULE("param", () => {
    this.CONSUME(T.AnyName, { LABEL: "name" });
    this.CONSUME(T.Colon);
    this.CONSUME2(T.AnyName, { LABEL: "type" });
  });

  tiersDecl = this.RULE("tiersDecl", () => {
    this.CONSUME(kw("tiers"));
    this.CONSUME(T.AnyName, { LABEL: "name" });
    this.CONSUME2(T.AnyName, { LABEL: "mode" });
    this.OPTION(() => {
      this.CONSUME(kw("boundary"));
      this.CONSUME3(T.AnyName, { LABEL: "boundary" });
    });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.band));
    this.CONSUME(T.RBrace);
  });

  band = this.RULE("band", () => {
    this.SUBRULE(this.expression, { LABEL: "from" });
    this.CONSUME(T.DotDot);
    this.OPTION(() => this.SUBRULE2(this.expression, { LABEL: "to" }));
    this.CONSUME(T.Colon);
    this.SUBRULE3(this.expression, { LABEL: "value" });
  });

  matrixDecl = this.RULE("matrixDecl", () => {
    this.CONSUME(kw("matrix"));
    this.CONSUME(T.AnyName, { LABEL: "name" });
    this.OPTION(() => {
      this.CONSUME(kw("boundary"));
      this.CONSUME2(T.AnyName, { LABEL: "boundary" });
    });
    this.CONSUME(T.LBrace);
    this.CONSUME(kw("columns"));
    this.SUBRULE(this.matrixColumn, { LABEL: "column" });
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.matrixColumn, { LABEL: "column" });
    });
    this.MANY2(() => this.SUBRULE(this.matrixRow, { LABEL: "row" }));
    this.CONSUME(T.RBrace);
  });

  /**
   * A column band. Its upper bound must start on the line of its `..`: an open last column
   * (`30% ..`) then ends the columns line instead of taking the first row's lower bound.
   */
  matrixColumn = this.RULE("matrixColumn", () => {
    this.SUBRULE(this.expression, { LABEL: "from" });
    this.CONSUME(T.DotDot);
    this.OPTION({ GATE: () => this.onSameLine(), DEF: () => this.SUBRULE2(this.expression, { LABEL: "to" }) });
  });

  matrixRow = this.RULE("matrixRow", () => {
    this.SUBRULE(this.expression, { LABEL: "from" });
    this.CONSUME(T.DotDot);
    this.OPTION(() => this.SUBRULE2(this.expression, { LABEL: "to" }));
    this.CONSUME(T.Colon);
    this.SUBRULE3(this.expression, { LABEL: "value" });
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE4(this.expression, { LABEL: "value" });
    });
  });

  /** `check NAME { from T  per T.c, ...  assert COND  message "..."  severity warning }`. */
  checkDecl = this.RULE("checkDecl", () => {
    this.CONSUME(kw("check"));
    this.CONSUME(T.AnyName, { LABEL: "name" });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.checkClause));
    this.CONSUME(T.RBrace);
  });

  checkClause = this.RULE("checkClause", () => {
    this.OR({
      DEF: [
        {
          ALT: () => {
            this.CONSUME(kw("from"), { LABEL: "keyword" });
            this.CONSUME(T.AnyName, { LABEL: "name" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("per"), { LABEL: "keyword" });
            this.SUBRULE(this.expression, { LABEL: "value" });
            this.MANY(() => {
              this.CONSUME(T.Comma);
              this.SUBRULE2(this.expression, { LABEL: "value" });
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("assert"), { LABEL: "keyword" });
            this.SUBRULE3(this.expression, { LABEL: "value" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("message"), { LABEL: "keyword" });
            this.CONSUME(T.StringLiteral, { LABEL: "text" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("severity"), { LABEL: "keyword" });
            this.CONSUME2(T.AnyName, { LABEL: "name" });
          },
        },
      ],
      ERR_MSG: "a check clause (from, per, assert, message or severity)",
    });
  });

  curveDecl = this.RULE("curveDecl", () => {
    this.CONSUME(kw("curve"));
    this.CONSUME(T.AnyName, { LABEL: "name" });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.curvePoint));
    this.CONSUME(T.RBrace);
  });

  curvePoint = this.RULE("curvePoint", () => {
    this.OR({
      DEF: [
        {
          ALT: () => {
            this.CONSUME(kw("below"), { LABEL: "below" });
            this.OPTION(() => this.SUBRULE(this.expression, { LABEL: "x" }));
          },
        },
        { ALT: () => this.SUBRULE2(this.expression, { LABEL: "x" }) },
      ],
      ERR_MSG: "a curve point",
    });
    this.CONSUME(T.Colon);
    this.SUBRULE3(this.expression, { LABEL: "y" });
  });

  tableDecl = this.RULE("tableDecl", () => {
    this.CONSUME(kw("table"));
    this.CONSUME(T.AnyName, { LABEL: "name" });
    this.CONSUME(kw("by"));
    this.CONSUME2(T.AnyName, { LABEL: "keys" });
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.CONSUME3(T.AnyName, { LABEL: "keys" });
    });
    this.CONSUME(T.LBrace);
    this.MANY2(() => this.SUBRULE(this.tableRow));
    this.CONSUME(T.RBrace);
  });

  tableRow = this.RULE("tableRow", () => {
    this.SUBRULE(this.nameOrString, { LABEL: "keys" });
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.nameOrString, { LABEL: "keys" });
    });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expression, { LABEL: "value" });
  });

  componentDecl = this.RULE("componentDecl", () => {
    this.CONSUME(kw("component"));
    this.CONSUME(T.AnyName, { LABEL: "name" });
    this.OPTION(() => {
      this.CONSUME(kw("for"));
      this.CONSUME(kw("each"));
      this.SUBRULE(this.param, { LABEL: "forEach" });
    });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.componentClause));
    this.CONSUME(T.RBrace);
  });

  componentClause = this.RULE("componentClause", () => {
    this.OR({
      DEF: [
        {
          ALT: () => {
            this.CONSUME(kw("window"), { LABEL: "keyword" });
            this.SUBRULE(this.expression, { LABEL: "value" });
            this.CONSUME(T.DotDot);
            this.SUBRULE2(this.expression, { LABEL: "to" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("eligible"), { LABEL: "keyword" });
            this.SUBRULE3(this.expression, { LABEL: "value" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("gate"), { LABEL: "keyword" });
            this.SUBRULE4(this.expression, { LABEL: "value" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("let"), { LABEL: "keyword" });
            this.CONSUME(T.AnyName, { LABEL: "name" });
            this.CONSUME(T.Eq);
            this.SUBRULE5(this.expression, { LABEL: "value" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("payout"), { LABEL: "keyword" });
            this.SUBRULE6(this.expression, { LABEL: "value" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("floor"), { LABEL: "keyword" });
            this.SUBRULE7(this.expression, { LABEL: "value" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("cap"), { LABEL: "keyword" });
            this.SUBRULE8(this.expression, { LABEL: "value" });
            this.OPTION(() => {
              this.CONSUME(kw("per"));
              this.CONSUME2(T.AnyName, { LABEL: "per" });
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("allow"), { LABEL: "keyword" });
            this.CONSUME(kw("negative"));
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("hold"), { LABEL: "keyword" });
            this.CONSUME(kw("above"));
            this.SUBRULE9(this.expression, { LABEL: "value" });
            this.OPTION2(() => {
              this.CONSUME(kw("reason"));
              this.CONSUME(T.StringLiteral, { LABEL: "reason" });
            });
          },
        },
      ],
      ERR_MSG: "a component clause (payout, eligible, gate, let, floor, cap, window, allow negative or hold)",
    });
  });

  payoutDecl = this.RULE("payoutDecl", () => {
    this.CONSUME(kw("payout"));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.payoutRule));
    this.CONSUME(T.RBrace);
  });

  payoutRule = this.RULE("payoutRule", () => {
    this.OR({
      DEF: [
        {
          ALT: () => {
            this.CONSUME(kw("cap"), { LABEL: "keyword" });
            this.SUBRULE(this.expression, { LABEL: "value" });
            this.CONSUME(kw("per"));
            this.CONSUME(T.AnyName, { LABEL: "per" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("guarantee"), { LABEL: "keyword" });
            this.SUBRULE2(this.expression, { LABEL: "value" });
            this.CONSUME2(kw("per"));
            this.CONSUME2(T.AnyName, { LABEL: "per" });
            this.OR2({
              DEF: [
                { ALT: () => this.CONSUME(kw("recoverable"), { LABEL: "recovery" }) },
                { ALT: () => this.CONSUME(kw("nonrecoverable"), { LABEL: "recovery" }) },
              ],
              ERR_MSG: "'recoverable' or 'nonrecoverable'",
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("settle"), { LABEL: "keyword" });
            this.CONSUME(kw("cumulative"));
            this.CONSUME(kw("from"));
            this.CONSUME3(T.AnyName, { LABEL: "table" });
            this.OPTION(() => this.CONSUME(kw("carry"), { LABEL: "carry" }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("release"), { LABEL: "keyword" });
            this.CONSUME(kw("holds"));
            this.CONSUME2(kw("from"));
            this.CONSUME4(T.AnyName, { LABEL: "table" });
          },
        },
      ],
      ERR_MSG: "a payout rule (cap, guarantee, settle or release holds)",
    });
  });

  testDecl = this.RULE("testDecl", () => {
    this.CONSUME(kw("test"));
    this.CONSUME(T.StringLiteral, { LABEL: "title" });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.testStatement));
    this.CONSUME(T.RBrace);
  });

  testStatement = this.RULE("testStatement", () => {
    this.OR({
      DEF: [
        {
          ALT: () => {
            this.CONSUME(kw("period"), { LABEL: "keyword" });
            this.SUBRULE(this.expression, { LABEL: "value" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("given"), { LABEL: "keyword" });
            this.CONSUME(T.AnyName, { LABEL: "name" });
            this.OR2({
              DEF: [
                {
                  ALT: () => {
                    this.SUBRULE(this.callArgs, { LABEL: "args" });
                    this.CONSUME(T.Eq);
                    this.SUBRULE2(this.expression, { LABEL: "value" });
                  },
                },
                {
                  ALT: () => {
                    this.CONSUME2(T.Eq);
                    this.SUBRULE3(this.expression, { LABEL: "value" });
                  },
                },
                {
                  ALT: () => {
                    this.CONSUME(T.LBrace, { LABEL: "row" });
                    this.MANY(() => {
                      this.SUBRULE(this.fieldInit);
                      this.OPTION(() => this.CONSUME(T.Comma));
                    });
                    this.CONSUME(T.RBrace);
                  },
                },
              ],
              ERR_MSG: "'(', '=' or '{'",
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("expect"), { LABEL: "keyword" });
            this.CONSUME2(T.AnyName, { LABEL: "name" });
            this.OPTION2(() => this.SUBRULE2(this.callArgs, { LABEL: "args" }));
            this.OPTION3(() => {
              this.CONSUME(kw("for"));
              this.CONSUME(T.StringLiteral, { LABEL: "person" });
            });
            this.CONSUME3(T.Eq);
            this.SUBRULE4(this.expression, { LABEL: "value" });
          },
        },
      ],
      ERR_MSG: "a test statement (period, given or expect)",
    });
  });

  /** `(a, b)`: the plain argument list of `given` and `expect`. */
  callArgs = this.RULE("callArgs", () => {
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.expression, { LABEL: "args" });
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.expression, { LABEL: "args" });
      });
    });
    this.CONSUME(T.RParen);
  });

  fieldInit = this.RULE("fieldInit", () => {
    this.CONSUME(T.AnyName, { LABEL: "name" });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expression, { LABEL: "value" });
  });

  // ---------------------------------------------------------------------------------------------
  // Expressions
  //
  // An expression is parsed flat, as operands separated by binary operators; ../ast/from-cst.ts
  // applies the precedence of docs/language.md section 4 (otherwise < or < and < not <
  // comparisons/in < + - < * / < unary - < postfix). Flat parsing keeps the recursion per nesting
  // level small (deeply nested plans do not exhaust the stack) and the parser fast.

  expression = this.RULE("expression", () => {
    // `..` continues an expression only as the range of an `in` (`x in a .. b`, `x in a ..`);
    // elsewhere it belongs to the enclosing construct (a tier band, an argument range, a window).
    let rangeAllowed = false;
    this.SUBRULE(this.operand, { LABEL: "operands" });
    this.MANY({
      GATE: () => rangeAllowed || this.LA(1).tokenType !== T.DotDot,
      DEF: () => {
        this.OR([
          {
            ALT: () => {
              this.CONSUME(T.DotDot, { LABEL: "ops" });
              this.ACTION(() => {
                rangeAllowed = false;
              });
              this.OPTION(() => this.SUBRULE2(this.operand, { LABEL: "operands" }));
            },
          },
          {
            ALT: () => {
              this.OR2(BINARY_OPERATORS.map((op) => ({ ALT: () => this.CONSUME(op, { LABEL: "ops" }) })));
              this.ACTION(() => {
                const op = this.LA(0).tokenType;
                rangeAllowed = op === K["in"] || (rangeAllowed && ARITHMETIC_OPERATORS.has(op));
              });
              this.SUBRULE3(this.operand, { LABEL: "operands" });
            },
          },
        ]);
      },
    });
  });

  /** Prefix operators, a primary, then postfix operations (`.member`, `(args)`, `[keys]`). */
  operand = this.RULE("operand", () => {
    this.MANY(() => {
      this.OR({
        DEF: [
          { ALT: () => this.CONSUME(T.Minus, { LABEL: "prefix" }) },
          { ALT: () => this.CONSUME(kw("not"), { LABEL: "prefix" }) },
        ],
      });
    });
    this.SUBRULE(this.primary);
    this.MANY2(() => this.SUBRULE(this.postfixOp, { LABEL: "postfix" }));
  });

  postfixOp = this.RULE("postfixOp", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Dot, { LABEL: "dot" });
          // The member is on the dot's line: while `sales.` is being typed, the clause keyword on
          // the next line (`cap`, `to`, ...) must stay a clause, not become the member.
          this.OR2({
            DEF: [{ GATE: () => this.onSameLine(), ALT: () => this.CONSUME(T.AnyName, { LABEL: "member" }) }],
            ERR_MSG: "a name",
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LParen, { LABEL: "call" });
          this.OPTION(() => {
            this.SUBRULE(this.argument, { LABEL: "args" });
            this.MANY(() => {
              this.CONSUME(T.Comma);
              this.SUBRULE2(this.argument, { LABEL: "args" });
            });
          });
          this.OPTION2(() => {
            this.CONSUME(kw("where"));
            this.SUBRULE(this.expression, { LABEL: "where" });
          });
          this.CONSUME(T.RParen, { LABEL: "close" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LBracket, { LABEL: "index" });
          this.SUBRULE2(this.expression, { LABEL: "keys" });
          this.MANY2(() => {
            this.CONSUME2(T.Comma);
            this.SUBRULE3(this.expression, { LABEL: "keys" });
          });
          this.CONSUME(T.RBracket, { LABEL: "close" });
        },
      },
    ]);
  });

  argument = this.RULE("argument", () => {
    this.OR([
      {
        // `t(x, allow negative)`: a flag of the call, not a value (the checker says where it fits).
        ALT: () => {
          this.CONSUME(kw("allow"), { LABEL: "flag" });
          this.CONSUME(kw("negative"), { LABEL: "flagEnd" });
        },
      },
      {
        ALT: () => {
          this.OPTION(() => {
            this.CONSUME(T.AnyName, { LABEL: "name" });
            this.CONSUME(T.Colon);
          });
          this.SUBRULE(this.expression, { LABEL: "value" });
          this.OPTION2(() => {
            this.CONSUME(T.DotDot, { LABEL: "range" });
            this.OPTION3(() => this.SUBRULE2(this.expression, { LABEL: "to" }));
          });
        },
      },
    ]);
  });

  primary = this.RULE("primary", () => {
    this.OR({
      DEF: [
        {
          ALT: () => {
            this.CONSUME(T.NumberLiteral, { LABEL: "number" });
            this.OPTION({
              GATE: () => this.currencyFollows(),
              DEF: () => this.CONSUME(T.Identifier, { LABEL: "currency" }),
            });
          },
        },
        { ALT: () => this.CONSUME(T.PercentLiteral, { LABEL: "percent" }) },
        { ALT: () => this.CONSUME(T.DateLiteral, { LABEL: "date" }) },
        { ALT: () => this.CONSUME(T.PeriodLiteral, { LABEL: "period" }) },
        { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: "string" }) },
        { ALT: () => this.CONSUME(kw("true"), { LABEL: "bool" }) },
        { ALT: () => this.CONSUME(kw("false"), { LABEL: "bool" }) },
        { ALT: () => this.CONSUME(T.ExprName, { LABEL: "name" }) },
        {
          ALT: () => {
            this.CONSUME(T.LParen, { LABEL: "paren" });
            this.SUBRULE(this.expression, { LABEL: "inner" });
            this.CONSUME(T.RParen);
          },
        },
        {
          ALT: () => {
            this.CONSUME(kw("if"), { LABEL: "if" });
            this.SUBRULE2(this.expression, { LABEL: "condition" });
            this.CONSUME(kw("then"));
            this.SUBRULE3(this.expression, { LABEL: "then" });
            this.CONSUME(kw("else"));
            this.SUBRULE4(this.expression, { LABEL: "else" });
          },
        },
      ],
      ERR_MSG: "an expression",
    });
  });

  /** `100 EUR`: a three-letter upper-case code on the same line right after a number. */
  private currencyFollows(): boolean {
    const next = this.LA(1);
    return next.tokenType === T.Identifier && CURRENCY_CODE.test(next.image) && this.onSameLine();
  }

  /** Whether the next token is on the line of the last consumed one. */
  private onSameLine(): boolean {
    const previous = this.LA(0);
    const next = this.LA(1);
    if (Number.isNaN(previous.startOffset) || Number.isNaN(next.startOffset)) return true;
    const between = this.sourceText.slice(previous.startOffset + previous.image.length, next.startOffset);
    return !between.includes("\n") && !between.includes("\r");
  }
}

/** The one parser instance (Chevrotain parsers are costly to build and meant to be reused). */
const parser = new CarrotParser();

export interface DeclarationParse {
  cst: CstNode | undefined;
  errors: IRecognitionException[];
}

/** Parses the tokens of one top-level declaration. */
export function parseDeclaration(tokens: IToken[], text: string): DeclarationParse {
  parser.sourceText = text;
  parser.input = tokens;
  const cst = parser.declaration();
  return { cst, errors: parser.errors };
}

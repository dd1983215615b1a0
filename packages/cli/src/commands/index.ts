import type { Command } from "../command.js";
import { acceptCommand, auditCommand } from "./audit.js";
import { buildCommand } from "./build.js";
import { checkCommand } from "./check.js";
import { diffCommand } from "./diff.js";
import { explainCommand } from "./explain.js";
import { fmtCommand } from "./fmt.js";
import { lspCommand } from "./lsp.js";
import { reportCommand } from "./report.js";
import { runCommand } from "./run.js";
import { testCommand } from "./test.js";

/** Every `carrot` subcommand, in the order `carrot --help` lists them. */
export const COMMANDS: readonly Command[] = [
  checkCommand,
  buildCommand,
  runCommand,
  testCommand,
  explainCommand,
  fmtCommand,
  diffCommand,
  reportCommand,
  auditCommand,
  acceptCommand,
  lspCommand,
];

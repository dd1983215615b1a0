// The whole extension: start the bundled language server and register the two commands that run the CLI.
// Everything else (diagnostics, completion, formatting...) lives in the server, where it is tested.
import * as path from "node:path";
import * as fs from "node:fs";
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration("carrot");
  const serverModule = config.get<string>("server.path") || context.asAbsolutePath("dist/server.js");
  const run = { module: serverModule, transport: TransportKind.ipc };
  const serverOptions: ServerOptions = { run, debug: run };
  client = new LanguageClient("carrot", "Carrot", serverOptions, {
    documentSelector: [{ scheme: "file", language: "carrot" }, { scheme: "untitled", language: "carrot" }],
  });
  context.subscriptions.push(
    // From the code lens: (document uri[, test title]); from the palette: the active file.
    vscode.commands.registerCommand("carrot.runTests", (uri?: string, title?: string) => {
      const file = uri ? vscode.Uri.parse(uri).fsPath : vscode.window.activeTextEditor?.document.uri.fsPath;
      if (file) return runCli(context, title ? `Carrot test: ${title}` : "Carrot tests", ["test", file, ...(title ? ["--filter", title] : [])]);
    }),
    vscode.commands.registerCommand("carrot.runPlan", async () => {
      const plan = vscode.window.activeTextEditor?.document.uri;
      if (plan?.scheme !== "file") return vscode.window.showWarningMessage("Carrot: open a saved .carrot plan to run it.");
      const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: "Use as data folder", defaultUri: vscode.Uri.joinPath(plan, "..") });
      if (picked?.[0]) return runCli(context, "Carrot run", ["run", plan.fsPath, "--data", picked[0].fsPath]);
    }),
  );
  await client.start();
}

// Runs the CLI as a task so its output lands in the terminal panel, with no shell quoting involved.
function runCli(context: vscode.ExtensionContext, name: string, args: string[]): Thenable<vscode.TaskExecution> {
  const configured = vscode.workspace.getConfiguration("carrot").get<string>("cli.path");
  const bundled = context.asAbsolutePath("dist/cli.js");
  const script = configured || (fs.existsSync(bundled) ? bundled : undefined);
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? path.dirname(args[1] ?? ".");
  // VS Code's own runtime runs the script as Node, so users need no Node.js on their PATH.
  const execution = script
    ? new vscode.ProcessExecution(process.execPath, [script, ...args], { cwd, env: { ELECTRON_RUN_AS_NODE: "1" } })
    : new vscode.ProcessExecution("carrot", args, { cwd });
  const task = new vscode.Task({ type: "carrot" }, vscode.TaskScope.Workspace, name, "carrot", execution);
  return vscode.tasks.executeTask(task);
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

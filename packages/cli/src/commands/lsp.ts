import type { Command } from "../command.js";

const usage = `usage: carrot lsp --stdio

Starts the Carrot language server (the same as carrot-language-server) on stdin/stdout.`;

export const lspCommand: Command = {
  name: "lsp",
  summary: "start the language server (--stdio)",
  usage,
  async run() {
    const { createConnection, ProposedFeatures } = await import("vscode-languageserver/node");
    const { startServer } = await import("@carrot/lsp");
    startServer(createConnection(ProposedFeatures.all));
    // The connection keeps the process alive until the client sends exit.
    return new Promise<number>(() => {});
  },
};

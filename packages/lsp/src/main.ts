// Entry point: the transport (--stdio, --node-ipc, --socket=N) is chosen from argv by createConnection.
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server.js";

startServer(createConnection(ProposedFeatures.all));

#!/usr/bin/env node
// Runs the built server (npx tsc -b packages/lsp). Transport from argv: --stdio, --node-ipc or --socket=N.
import("../dist/main.js");

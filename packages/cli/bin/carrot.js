#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/ (built by `npm install` through the root `prepare` script).
import { main } from "../dist/main.js";

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: Boolean(process.stdout.isTTY),
});

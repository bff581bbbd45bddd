#!/usr/bin/env node
// Entry point of the iislint command: runs the compiled CLI (npm run build writes dist/).
import { main } from '../dist/cli/main.js';

const chunks = [];
const readStdin = async () => {
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks);
};

const exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTty: Boolean(process.stdout.isTTY),
  readStdin,
});
// Let pending writes to a pipe finish before exiting.
process.exitCode = exitCode;

#!/usr/bin/env node
// Entry point of the iislint command: runs the compiled CLI (npm run build writes dist/).
import { main } from '../dist/cli/main.js';

// Stops once more than maxBytes arrived (--max-file-size): an endless stream cannot fill memory.
const readStdin = async (maxBytes) => {
  const chunks = [];
  let length = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
    length += chunk.length;
    if (length > maxBytes) {
      process.stdin.destroy();
      break;
    }
  }
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

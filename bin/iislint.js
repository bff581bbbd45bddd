#!/usr/bin/env node
// Entry point of the iislint command: runs the compiled CLI (npm run build writes dist/).
// `--version` reads package.json and nothing else; `rules` is answered without running the
// engine (src/cli/quick.ts); see cli-loader.js for how the program is loaded, and why CommonJS.
'use strict';
const { loadCli, versionCommand } = require('./cli-loader.js');

// A reader that stops early (`iislint folder | head`) closes the pipe: the rest of the output is
// dropped quietly and the exit code stays the run's own, as for any Unix filter.
const closed = { stdout: false, stderr: false };
for (const name of ['stdout', 'stderr']) {
  process[name].on('error', (error) => {
    closed[name] = true;
    if (error.code === 'EPIPE') return;
    if (name === 'stdout' && !closed.stderr) process.stderr.write(`iislint: cannot write to standard output: ${error.code ?? error.message}\n`);
    process.exitCode = 2;
  });
}

async function run() {
  const args = process.argv.slice(2);
  const version = versionCommand(args);
  const cli = version === undefined ? await loadCli() : undefined;
  const quick = version ?? cli.quickCommand(args);
  if (quick !== undefined) {
    process.stdout.write(quick);
  } else {
    const { main } = cli;
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
    const exitCode = await main(args, {
      stdout: (text) => {
        if (!closed.stdout) process.stdout.write(text);
      },
      stderr: (text) => {
        if (!closed.stderr) process.stderr.write(text);
      },
      cwd: process.cwd(),
      env: process.env,
      stdoutIsTty: Boolean(process.stdout.isTTY),
      readStdin,
    });
    // Let pending writes to a pipe finish before exiting; a write error already set exit code 2.
    if (process.exitCode !== 2) process.exitCode = exitCode;
  }
}

run();

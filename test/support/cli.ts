/** Run the CLI in-process with captured output, as a user's shell would. */
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  stdin?: Uint8Array | string;
  tty?: boolean;
  /** YYYY-MM-DD for config suppressions' `expires`; default: the real date. */
  today?: string;
}

export async function runCli(argv: readonly string[], options: CliRunOptions): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: options.cwd,
    env: options.env ?? {},
    stdoutIsTty: options.tty ?? false,
    ...(options.today !== undefined ? { today: options.today } : {}),
    readStdin: async () => (typeof options.stdin === 'string' ? Buffer.from(options.stdin) : (options.stdin ?? new Uint8Array())),
  });
  return { code, stdout, stderr };
}

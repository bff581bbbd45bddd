/**
 * Input text (file names, key names, values) in output that is not a data format: stylish,
 * compact, github, stderr lines. A line break would start a line of its own, which GitHub
 * Actions and Azure Pipelines read as a command (`::add-mask::`, `##vso[`), and an escape
 * sequence is executed by the terminal (set the title, write the clipboard, erase lines). So
 * control characters, line and paragraph separators and bidirectional overrides are shown as
 * escapes: `\n`, `\t`, `\x1b`, `\u2028`. Backslashes stay as they are: Windows paths and
 * registry keys are full of them.
 */

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeText(value: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(value)) return value;
  return value.replace(UNSAFE, (character) => {
    const named = NAMED[character];
    if (named !== undefined) return named;
    const code = character.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** What CI runners read as a command when a line starts with it. */
const RUNNER_COMMAND = /^(?:::|##vso\[|##\[)/;

/**
 * A relative path printed at the start of a line: `./` before it when it would begin with a
 * runner command (a file named `::error::x.reg`), which names the same file.
 */
export function lineStartPath(displayPath: string): string {
  const escaped = escapeText(displayPath);
  return RUNNER_COMMAND.test(escaped) ? `./${escaped}` : escaped;
}

/**
 * A line of the command on stderr (`iislint: …\n`, one per write): its text escaped, its final
 * line break kept. Other text (a report, a diff) is returned as it is: its
 * producer escapes it.
 */
export function escapeStderrLine(text: string): string {
  if (!text.startsWith('iislint: ')) return text;
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return `${escapeText(body)}${body === text ? '' : '\n'}`;
}

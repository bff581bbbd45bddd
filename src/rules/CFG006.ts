/**
 * CFG006 unused-suppression: a suppression that has no effect. The engine reports these, not
 * `check`: whether a directive suppressed anything is known only after every other rule has run
 * and the suppressions were applied (src/engine/suppressions.ts), and the config file's entries
 * span every server of the run. So `check` returns nothing; the rule exists for its id, level
 * setting, metadata, documentation and the messages below, which the engine uses.
 */
import type { Rule } from './types.js';

const DIRECTIVES = '`iislint-disable-next-line`, `iislint-disable` or `iislint-enable`';

/** The messages, by problem; the engine fills them in. */
export const CFG006_MESSAGES = {
  /** `ids`: the directive's unused ids (undefined for a directive of every rule); `partial`: some of its ids were used. */
  unusedNextLine: (directive: string, ids: string | undefined, partial: boolean, xml: boolean): string =>
    `\`${directive}\` suppresses nothing${partial ? ` for ${ids}` : ''}: no ${ids ? `${ids} ` : ''}finding starts ${
      xml ? 'in the start tag of the element that follows' : 'on the next line'
    }. ${partial ? `Remove ${ids} from it.` : 'Remove it.'}`,
  unusedBlock: (directive: string, ids: string | undefined, partial: boolean): string =>
    `\`${directive}\` suppresses nothing${partial ? ` for ${ids}` : ''}: no ${ids ? `${ids} ` : ''}finding comes before its \`iislint-enable\` or the end of the file. ${
      partial ? `Remove ${ids} from it.` : 'Remove it.'
    }`,
  enableWithoutDisable: (directive: string, ids: string | undefined, insideDisableAll: boolean): string =>
    `\`${directive}\` ends no open \`iislint-disable\` block${ids ? ` of ${ids}` : ''}${
      insideDisableAll ? ' (a block of every rule ends only at a bare `iislint-enable`)' : ''
    }. Remove it.`,
  unknownRule: (id: string, directive: string): string =>
    `\`${id}\` in \`${directive}\` is not a rule id (run \`iislint rules\` for the list): the directive suppresses nothing for it.`,
  unknownDirective: (keyword: string): string =>
    `\`${keyword}\` is not an iislint directive (${DIRECTIVES}): it suppresses nothing.`,
  missingReason: (directive: string, xml: boolean): string =>
    `\`${directive}\` gives no reason, and --require-reason is set: it suppresses nothing. Say why the finding is accepted after ${
      xml ? '`:`' : '`--`'
    }.`,
  xmlDoubleDash: (directive: string): string =>
    `\`--\` inside the XML comment of \`${directive}\` makes MetaBase.xml not well-formed (XML 1.0 forbids \`--\` in a comment, and strict parsers reject the file): write the reason after \`:\` instead.`,
  unusedConfigEntry: (entry: string, configPath: string, ids: string | undefined, files: readonly string[]): string =>
    `${entry} in ${configPath} suppresses nothing: no ${ids ? `${ids} ` : ''}finding in files matching ${files.join(', ')}. Remove the entry, or narrow it.`,
} as const;

export const CFG006: Rule = {
  meta: {
    id: 'CFG006',
    name: 'unused-suppression',
    shortDescription: 'Suppressions that have no effect: unused, malformed, or without a reason under --require-reason.',
    fullDescription:
      'Reports iislint suppressions that suppress nothing: an inline directive or a config-file suppression with no finding to suppress (with --report-unused-directives), a directive naming an unknown rule or misspelt, a directive without a reason under --require-reason, and `--` inside an XML comment.',
    helpMarkdown: `
## What it finds
Suppressions that do nothing, so that an accepted risk stays visible and accountable:
- **Unused** (only with \`--report-unused-directives\`): an inline \`iislint-disable-next-line\` or
  \`iislint-disable\` directive, or a \`suppressions\` entry of the config file (reported at the entry, in the config
  file), that suppressed no finding of the rules it names; an \`iislint-enable\` that ends no block. An expired
  config entry is not reported: a warning on stderr names it. Rule ids whose rule did not run (\`off\`, or the
  kernel-mode SSL rules under \`--kernel-ssl off\`) are not reported as unused.
- **Malformed** (always): \`iislint-\` followed by something other than \`disable-next-line\`, \`disable\` or
  \`enable\`; a rule id that does not exist (the directive still applies to its other ids).
- **No reason** (only with \`--require-reason\`): a disable directive without \`-- why\` (\`: why\` in XML); it then
  suppresses nothing.
- **\`--\` in an XML comment**: XML 1.0 forbids it; write the reason after \`:\` in MetaBase.xml.

The engine produces these findings after applying the suppressions; they cannot themselves be suppressed (turn the
rule off or set its level instead).

## Why it matters
A suppression outlives its reason: the RC2 cipher it excused gets disabled, the line it covered moves, and the
directive is left to silently swallow the next finding that lands there. A misspelt directive or rule id looks like
an accepted risk to a reviewer but suppresses nothing. And a MetaBase.xml whose comment holds \`--\` is not
well-formed XML: strict parsers (Internet Explorer's, which Microsoft recommends for checking an edited metabase)
reject the whole file.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

; iislint-disable-next-line KSSL004 -- legacy POS terminals need RC2 (ticket OPS-1234)
[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]
"Enabled"=dword:00000000
\`\`\`
RC2 40/128 is disabled: the directive (run with \`--report-unused-directives\`) suppresses nothing.

\`\`\`xml
<!-- iislint-disable-next-line KSSL01 -- intranet site -->
<IIsWebVirtualDir Location ="/LM/W3SVC/1/ROOT"
    AccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert"
>
\`\`\`
\`KSSL01\` is not a rule id, and \`--\` is not allowed inside an XML comment.

## Good
\`\`\`reg
; iislint-disable-next-line KSSL004 -- legacy POS terminals need RC2 (ticket OPS-1234)
"Enabled"=dword:ffffffff
\`\`\`

\`\`\`xml
<!-- iislint-disable-next-line KSSL001: intranet site, stays on user-mode SSL (ticket OPS-99) -->
<IIsWebVirtualDir Location ="/LM/W3SVC/1/ROOT"
    AccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert"
>
\`\`\`

## How to fix
Delete the unused directive or config entry, or the rule ids in it that no longer match anything. Correct a
misspelt directive or rule id (\`iislint rules\` lists the ids). Give every disable directive a reason after \`--\`
(\`:\` in XML comments). Config entries can carry an \`expires\` date so that they cannot outlive their reason.
`,
    defaultLevel: 'warning',
    tags: ['maintainability'],
    securitySeverity: '3.0',
    precision: 'very-high',
    kernelSslMigration: true,
  },
  check() {
    // Produced by the engine after suppressions are applied: see the module comment.
    return [];
  },
};

/**
 * TLS005 tls12-not-offered: TLS 1.2's Server side is not offered to IIS on an OS that has it:
 * `Enabled`=0, `DisabledByDefault`=1, or the 2008 SP2 / 2008 R2 default (disabled by default) left alone.
 */
import { osLabel, valueAsWritten } from './shared/schannel-findings.js';
import { settingKeyPath } from '../model/schannel.js';
import { defaultLocation, osWords, protocolOnLines, protocolsToTurnOn, regBlocks, regLines, shortKey } from './shared/tls-findings.js';
import { listNames, registrySubject } from './support.js';
import type { FindingDraft, Rule } from './types.js';

const WHY =
  'Without TLS 1.2 the server can only speak deprecated protocols (RFC 8996), and clients that require TLS 1.2 (every current browser) cannot connect.';

export const TLS005: Rule = {
  meta: {
    id: 'TLS005',
    name: 'tls12-not-offered',
    shortDescription: 'TLS 1.2 is not offered to IIS on a Windows Server version that has it.',
    fullDescription:
      'Finds a TLS 1.2 Server side that SChannel does not offer to IIS on an OS that has TLS 1.2: Enabled=0, DisabledByDefault=1, or the Windows Server 2008 SP2 / 2008 R2 default (TLS 1.2 disabled by default) left alone.',
    helpMarkdown: `
## What it finds
The TLS 1.2 Server side **not** offered to IIS on a Windows Server version that has TLS 1.2 (2008 SP2 with KB4019276 and
later; never on Server 2003):

- **Explicit**: \`"Enabled"=dword:00000000\` (finding at that line), or \`DisabledByDefault\` non-zero (finding at that line).
- **Default**: on Windows Server 2008 SP2 and 2008 R2, TLS 1.2 ships disabled by default: with neither value written
  (or only \`Enabled\`), IIS does not offer it. One finding per server at the nearest existing ancestor key, in the last
  file (in apply order) that writes under it. A server with no SChannel export gets no default finding.
- With the \`iislint:cis\` preset both sides need \`"Enabled"=dword:00000001\` and \`"DisabledByDefault"=dword:00000000\`
  written explicitly (CIS IIS 10 7.6).

On an unknown OS only explicit values count.

## Why it matters
Without TLS 1.2 a server speaks only protocols that RFC 8996 deprecates, and clients that require TLS 1.2 (every current
browser, .NET with strong crypto, most APIs) fail the handshake. KB245030: on 2008 SP2 / 2008 R2 "set DisabledByDefault
to 0 and Enabled to 1" to use TLS 1.1/1.2.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server]
"Enabled"=dword:00000000
\`\`\`
On a Windows Server 2008 R2 server, an export without a \`TLS 1.2\\Server\` key is also flagged.

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server]
"Enabled"=dword:00000001
"DisabledByDefault"=dword:00000000
\`\`\`

## How to fix
Write \`"Enabled"=dword:00000001\` and \`"DisabledByDefault"=dword:00000000\` under \`Protocols\\TLS 1.2\\Server\` (and
\`Client\`, which .NET and outgoing connections use), import and restart. On Server 2008 SP2 install KB4019276 first. No
automatic fix: turning a protocol on changes what clients negotiate, so it is your decision.

## Sources
- Microsoft Learn, "Protocols in TLS/SSL (Schannel SSP)": TLS 1.2 disabled on 2008 SP2 / 2008 R2, enabled from 2012.
- KB245030 and Microsoft Learn, "Transport Layer Security (TLS) registry settings": \`Enabled\`, \`DisabledByDefault\`.
- KB4019276: adds TLS 1.1/1.2 to Windows Server 2008 SP2 (the \`win2008\` profile assumes it is installed).
`,
    defaultLevel: 'error',
    tags: ['security', 'tls', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '7.4',
    precision: 'high',
    benchmarks: { cis: ['IIS10 7.6'] },
  },
  check(server, options) {
    const findings: FindingDraft[] = [];
    const problems = protocolsToTurnOn(server, options, 'TLS 1.2');
    const leftAtDefault = problems.filter((problem) => !problem.decidingValue);
    for (const problem of problems) {
      const value = problem.decidingValue;
      if (!value) continue;
      findings.push({
        message:
          `TLS 1.2 ${problem.setting.subject.category === 'protocol' ? problem.setting.subject.side : ''} side is not offered to IIS: ` +
          `\`${valueAsWritten(value)}\` in ${value.file.path} on ${osWords(server)}. ${WHY} To offer it, import ${regLines(protocolOnLines(problem.setting))}`,
        file: value.file,
        span: value.valueLine.span,
        subject: registrySubject(settingKeyPath(problem.setting), value.name),
      });
    }
    if (leftAtDefault.length > 0 && server.schannel.exported) {
      const anchor = defaultLocation(server, leftAtDefault.map((problem) => problem.setting.segments));
      if (anchor) {
        const described = leftAtDefault.map((problem) => {
          const absent = problem.missingValues.length > 0 ? problem.missingValues : ['DisabledByDefault'];
          return `\`${shortKey(problem.setting)}\` (${problem.setting.offered === 'no' ? 'disabled by default' : 'not written explicitly'}; ${absent.join(' and ')} absent)`;
        });
        const notOffered = leftAtDefault.some((problem) => problem.setting.offered === 'no');
        findings.push({
          message:
            `TLS 1.2 is left at the ${server.os ? osLabel(server.os) : 'OS'} default: ${listNames(described, described.length)}, on ${osWords(server)}` +
            (server.os === 'win2008' ? ' (Server 2008 SP2 with KB4019276 installed, which adds TLS 1.2 disabled by default)' : '') +
            `. ${notOffered ? WHY : 'The CIS benchmark audits these values as written.'} File to change: ${anchor.file.path}; import ${regBlocks(leftAtDefault.map((problem) => protocolOnLines(problem.setting)))}`,
          file: anchor.file,
          span: anchor.span,
          subject: registrySubject('SCHANNEL\\Protocols\\TLS 1.2', 'default'),
        });
      }
    }
    return findings;
  },
};

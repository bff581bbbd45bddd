/**
 * KSSL007 schannel-export-missing: an IIS 6 server that serves HTTPS but came without its
 * SChannel export, so the RC2 (and PCT) state that kernel-mode SSL depends on cannot be checked.
 */
import { controlSetName } from '../model/registry.js';
import { SCHANNEL_ROOT } from '../model/schannel-catalog.js';
import type { ServerModel } from '../model/server.js';
import { listNames, registrySubject } from './support.js';
import type { Rule } from './types.js';

export const REG_EXPORT_COMMAND = 'reg export "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL" schannel.reg';

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/**
 * Why SChannel settings exported under ControlSet00N are not the server's current ones, for the
 * message: they exist, so "no SChannel export" would be wrong.
 */
function unmappedExplanation(server: ServerModel): string | undefined {
  const unmapped = server.schannel.unmappedExports;
  if (unmapped.length === 0) return undefined;
  const sets = [...new Set(unmapped.map((entry) => entry.controlSet))];
  const files = [...new Set(unmapped.map((entry) => entry.file.path))];
  const { reason, current } = server.registry.controlSets;
  const why =
    reason === 'select' && current !== undefined
      ? `HKLM\\SYSTEM\\Select "Current"=${current} names ${controlSetName(current)}, which the exports do not hold`
      : 'the exports hold several control sets and no HKLM\\SYSTEM\\Select to tell which one is current (CFG009)';
  return (
    `This server's SChannel settings are exported under ${listNames(sets)} (${listNames(files)}), not read as the current ` +
    `control set: ${why}. RC2 cannot be verified, and Windows Server 2003 enables RC2 by default.`
  );
}

export const KSSL007: Rule = {
  meta: {
    id: 'KSSL007',
    name: 'schannel-export-missing',
    shortDescription: 'An IIS 6 server with HTTPS sites has no SChannel export, so RC2 (on by default on Server 2003) cannot be verified.',
    fullDescription:
      'Finds a server whose IIS 6 metabase has a site with SecureBindings but whose files include no export of ' +
      '`HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL`: RC2, which kernel-mode SSL does not support ' +
      'and which Windows Server 2003 enables by default, cannot be verified.',
    helpMarkdown: `
## What it finds
A server (a folder of files) with an IIS 6 MetaBase.xml in which at least one site (\`IIsWebServer\`) has a non-empty
\`SecureBindings\`, and no .reg file that writes or deletes anything under
\`HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\`. One warning per server, at the metabase's root
element (\`<configuration>\`) in the first metabase file. The message names up to five HTTPS sites and gives the
command that produces the missing file.

## Why it matters
Windows Server 2003 enables every RC2 cipher when its \`Enabled\` value is absent (KB245030), and kernel-mode SSL does
not support RC2 (MSDN "Kernel-Mode SSL", TechNet cc758709). Without the SChannel settings iislint cannot tell whether
RC2 (KSSL004) or PCT 1.0 (KSSL005) is still on, so a server that looks clean may break as soon as
\`EnableKernelSSL\` is set. RC2 is also weak export-grade cryptography (FREAK class, CVE-2015-0204).

## Bad
A folder holding only this MetaBase.xml (and perhaps an http.sys export):
\`\`\`xml
<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">
<MBProperty>
<IIsWebServer	Location ="/LM/W3SVC/1"
		SecureBindings=":443:"
		ServerBindings=":80:"
		ServerComment="Default Web Site"
	>
</IIsWebServer>
</MBProperty>
</configuration>
\`\`\`

## Good
The same folder with \`schannel.reg\` beside MetaBase.xml, exported on the server:
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]
"EventLogging"=dword:00000001

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers]
\`\`\`
(iislint then reports the RC2 ciphers this export leaves on by default under KSSL004.)

## How to fix
On the server, run

\`\`\`
${REG_EXPORT_COMMAND}
\`\`\`

and put \`schannel.reg\` in the same folder as MetaBase.xml, so that iislint reads both as one server. An export as
regedit or \`reg export\` writes it (UTF-16LE) is fine.

## Assumptions
- A metabase without any SecureBindings serves no HTTPS, so SChannel does not matter to it: no finding.
- SChannel keys exported under a \`ControlSet00N\` that is not read as CurrentControlSet (\`HKLM\\SYSTEM\\Select\`
  \`Current\` names another one, or several control sets and no \`Select\`: CFG009) are not the server's current
  settings: the finding then says where they are and why they are not used, never that there is no export.
- An IIS 6 metabase means Windows Server 2003, so the finding is a warning even when \`--os\` names another version.
- Any key written or deleted at or under SCHANNEL counts as an export, even a partial one; a .reg file with an invalid
  header is not applied by regedit and does not count (CFG001 reports it).
- The level is always warning, whatever \`EnableKernelSSL\` says: the problem is missing evidence, not a known conflict.
  Like the other kernel-mode SSL rules, it does not run with \`--kernel-ssl off\`.
`,
    defaultLevel: 'warning',
    tags: ['security', 'kernel-mode-ssl', 'schannel', 'external/cwe/cwe-1188'],
    securitySeverity: '3.5',
    precision: 'high',
    server2003Only: true,
    kernelSslMigration: true,
    kernelSslOnly: true,
  },
  check(server) {
    const metabase = server.metabase;
    if (!metabase || server.schannel.exported) return [];
    const sslSites = metabase.sslSites;
    if (sslSites.length === 0) return [];
    const document = server.metabaseDocuments.find((candidate) => candidate.rootSpan !== undefined);
    if (!document?.rootSpan) return [];
    const sites = sslSites.map((site) => {
      const comment = site.own('ServerComment')?.property.value.trim();
      return comment ? `\`${site.location}\` (${comment})` : `\`${site.location}\``;
    });
    const metabaseName = baseName(document.source.path);
    const unmapped = unmappedExplanation(server);
    return [
      {
        message:
          (unmapped ?? `No SChannel export for this server: RC2 cannot be verified, and Windows Server 2003 enables RC2 by default.`) +
          ' ' +
          `${sslSites.length === 1 ? 'Site' : 'Sites'} ${listNames(sites)} ${sslSites.length === 1 ? 'serves' : 'serve'} HTTPS (SecureBindings), ` +
          `and kernel-mode SSL does not support RC2 ciphers. ` +
          `Run \`${REG_EXPORT_COMMAND}\` on the server and put schannel.reg beside ${metabaseName}.`,
        file: document.source,
        span: document.rootSpan,
        subject: registrySubject(SCHANNEL_ROOT),
        level: 'warning',
      },
    ];
  },
};

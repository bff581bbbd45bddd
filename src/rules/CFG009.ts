/**
 * CFG009 control-set-ambiguous: a server's exports hold several HKLM\SYSTEM\ControlSet00N and no
 * HKLM\SYSTEM\Select, so which control set is current cannot be told and none is read as
 * CurrentControlSet (RegistryTree.controlSets).
 */
import { controlSetName } from '../model/registry.js';
import { listNames, registrySubject } from './support.js';
import type { Rule } from './types.js';

export const CFG009: Rule = {
  meta: {
    id: 'CFG009',
    name: 'control-set-ambiguous',
    shortDescription: 'Several ControlSet00N exported without HKLM\\SYSTEM\\Select: none of them is read as the current control set.',
    fullDescription:
      'Reports a server whose .reg files write keys under more than one HKLM\\SYSTEM\\ControlSet00N and nowhere ' +
      'HKLM\\SYSTEM\\Select "Current": which control set Windows uses cannot be told, so iislint reads none of them as ' +
      'CurrentControlSet and their SChannel and http.sys settings are not checked.',
    helpMarkdown: `
## What it finds
An export of an offline SYSTEM hive, or of all of \`HKLM\\SYSTEM\`, names \`HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\...\`
(and \`ControlSet002\`, ...) instead of \`CurrentControlSet\`. Windows uses the control set that
\`HKLM\\SYSTEM\\Select\` value \`Current\` names. iislint reads:
- the control set \`Select\` \`Current\` names, when the server's exports hold \`HKLM\\SYSTEM\\Select\`;
- the only \`ControlSet00N\`, when there is one and no \`Select\` (\`--verbose\` says so);
- **none**, when there are several and no \`Select\`: this rule, one warning at the first \`[...\\ControlSet00N\\...]\`
  line in apply order, naming the control sets found.

## Why it matters
The SChannel and http.sys settings under those keys are then not checked at all: RC2 left on, PCT 1.0 enabled or
kernel-mode SSL switched on go unreported, and KSSL007 says the SChannel settings are not usable. Picking one
control set would be a guess: \`ControlSet002\` is often the "last known good" copy, not the one in use.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]
"Enabled"=dword:00000000

[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet002\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]
"Enabled"=dword:ffffffff
\`\`\`

## Good
The same export with the key that says which control set is current:
\`\`\`reg
[HKEY_LOCAL_MACHINE\\SYSTEM\\Select]
"Current"=dword:00000001
"Default"=dword:00000001
"Failed"=dword:00000000
"LastKnownGood"=dword:00000002
\`\`\`

## How to fix
Export \`HKLM\\SYSTEM\\Select\` too (\`reg export HKLM\\SYSTEM\\Select select.reg\`, or from the offline hive the
\`Select\` key beside the control sets) and put it beside the other files, or export the live
\`HKLM\\SYSTEM\\CurrentControlSet\\...\` keys instead.

## Sources
- The project's domain reference (DOMAIN.md §4): exports of an offline hive or of \`HKLM\\SYSTEM\` name
  \`SYSTEM\\ControlSet00N\`; the current one is N = \`HKLM\\SYSTEM\\Select\` value \`Current\`.
- ReactOS's service control manager (base/system/services/controlset.c) reads the current control set the same
  way, from \`System\\Select\` value \`Current\`. No Microsoft page stating it was checked for this rule.
`,
    defaultLevel: 'warning',
    tags: ['correctness', 'external/cwe/cwe-16'],
    securitySeverity: '3.0',
    precision: 'very-high',
    kernelSslMigration: true,
  },
  check(server) {
    const mapping = server.registry.controlSets;
    const first = mapping.firstKey;
    if (mapping.reason !== 'ambiguous' || !first) return [];
    const names = mapping.written.map(controlSetName);
    return [
      {
        message:
          `This server's exports hold ${listNames(names, names.length)} and no HKLM\\SYSTEM\\Select, so which control set is current ` +
          `cannot be told: none is read as CurrentControlSet, and the SChannel and http.sys settings under them are not checked. ` +
          `Export HKLM\\SYSTEM\\Select (its "Current" value names the control set in use) beside these files.`,
        file: first.file,
        span: first.keyLine.span,
        subject: registrySubject('HKEY_LOCAL_MACHINE\\SYSTEM\\Select', 'Current'),
      },
    ];
  },
};

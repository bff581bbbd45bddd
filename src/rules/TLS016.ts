/**
 * TLS016 dotnet-strong-crypto-off: .NET Framework without `SchUseStrongCrypto`=1 and
 * `SystemDefaultTlsVersions`=1, in the 64-bit view or under Wow6432Node, where the server's exports
 * hold `.NETFramework` at all.
 */
import type { RegistryKey, RegistryTree } from '../model/registry.js';
import type { SourceFile, Span } from '../parse/text.js';
import { valueAsWritten } from './shared/schannel-findings.js';
import { listNames, registrySubject } from './support.js';
import type { FindingDraft, Rule } from './types.js';

const VIEWS = [
  { name: '64-bit', segments: ['HKEY_LOCAL_MACHINE', 'SOFTWARE', 'Microsoft', '.NETFramework'] },
  { name: 'Wow6432Node (32-bit)', segments: ['HKEY_LOCAL_MACHINE', 'SOFTWARE', 'Wow6432Node', 'Microsoft', '.NETFramework'] },
] as const;
const REQUIRED = ['SchUseStrongCrypto', 'SystemDefaultTlsVersions'] as const;
const WHY =
  'Without them .NET Framework applications in this view use their own, older TLS defaults (TLS 1.0, weak ciphers) instead of the versions the OS offers.';

/** The `[key]` line of the last file that writes `key`, or of its nearest written ancestor. */
function keyLine(registry: RegistryTree, key: RegistryKey): { file: SourceFile; span: Span } | undefined {
  const origin = key.origins.at(-1) ?? registry.nearestWrittenAncestor(key.segments)?.origins.at(-1);
  return origin && { file: origin.file, span: origin.keyLine.span };
}

function isOne(key: RegistryKey, name: string): boolean {
  const data = key.value(name)?.data;
  return data?.type === 'REG_DWORD' && 'dword' in data && data.dword === 1;
}

export const TLS016: Rule = {
  meta: {
    id: 'TLS016',
    name: 'dotnet-strong-crypto-off',
    shortDescription: '.NET Framework lacks SchUseStrongCrypto=1 or SystemDefaultTlsVersions=1 (64-bit view or Wow6432Node).',
    fullDescription:
      'Where the exports hold HKLM\\SOFTWARE\\Microsoft\\.NETFramework, finds v4.0.30319 (and v2.0.50727 if present) without SchUseStrongCrypto=1 and SystemDefaultTlsVersions=1, in the 64-bit view and under Wow6432Node, one finding per view and framework key.',
    helpMarkdown: `
## What it finds
Runs when the server's exports hold \`HKLM\\SOFTWARE\\Microsoft\\.NETFramework\` (64-bit view) or
\`HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\.NETFramework\` (32-bit processes). For each view and each framework key
(\`v4.0.30319\`, and \`v2.0.50727\` when present), both \`SchUseStrongCrypto\` and \`SystemDefaultTlsVersions\` must be
REG_DWORD 1. One finding per view and framework key:

- at the line of a value written wrong;
- else at that view's \`v4.0.30319\` key line (or its nearest existing ancestor, the \`.NETFramework\` key) when values
  are missing;
- a view with no \`.NETFramework\` key in any export: one finding at the other view's \`.NETFramework\` key line (export
  both views).

## Why it matters
.NET Framework applications (ASP.NET on IIS included) pick their TLS versions themselves unless these values tell them
to use the operating system's defaults and strong cryptography: without them an application can fall back to TLS 1.0
or fail to connect to TLS 1.2-only services. 32-bit application pools read the Wow6432Node view.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319]
"SchUseStrongCrypto"=dword:00000000
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319]
"SchUseStrongCrypto"=dword:00000001
"SystemDefaultTlsVersions"=dword:00000001

[HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Microsoft\\.NETFramework\\v4.0.30319]
"SchUseStrongCrypto"=dword:00000001
"SystemDefaultTlsVersions"=dword:00000001
\`\`\`

## How to fix
Write both values as \`dword:00000001\` under \`v4.0.30319\` (and \`v2.0.50727\`) in both views, import, and restart the
application pools. No automatic fix: applications that rely on old protocols change behaviour.

## Sources
- Microsoft Learn (dotnet/docs), "Transport Layer Security (TLS) best practices with the .NET Framework": \`SchUseStrongCrypto\` and \`SystemDefaultTlsVersions\`, both views.
`,
    defaultLevel: 'warning',
    tags: ['security', 'tls', 'dotnet', 'external/cwe/cwe-327'],
    securitySeverity: '5.3',
    precision: 'high',
  },
  check(server) {
    const registry = server.registry;
    const keys = VIEWS.map((view) => registry.find(view.segments));
    // Most servers export no .NET Framework key: nothing more to build.
    if (keys.every((key) => !key)) return [];
    const views = VIEWS.map((view, index) => ({ ...view, key: keys[index] }));
    const findings: FindingDraft[] = [];
    for (const view of views) {
      if (!view.key) {
        const other = views.find((candidate) => candidate.key)!;
        const at = keyLine(registry, other.key!);
        if (!at) continue;
        findings.push({
          ...at,
          subject: registrySubject(view.segments.join('\\')),
          message: `No export of this server holds the ${view.name} view \`${view.segments.join('\\')}\`, so whether its .NET Framework uses strong crypto cannot be checked. Export it too (see README "Getting the files off a server"); both views need \`SchUseStrongCrypto\`=1 and \`SystemDefaultTlsVersions\`=1.`,
        });
        continue;
      }
      const frameworks = ['v4.0.30319', ...(view.key.child('v2.0.50727') ? ['v2.0.50727'] : [])];
      for (const version of frameworks) {
        const key = view.key.child(version);
        const path = [...view.segments, version].join('\\');
        if (!key) {
          const at = keyLine(registry, view.key);
          if (at) {
            findings.push({
              ...at,
              subject: registrySubject(path),
              message: `\`${path}\` is not in the exports, so \`SchUseStrongCrypto\` and \`SystemDefaultTlsVersions\` are absent in the ${view.name} view. ${WHY} Write both as dword:00000001.`,
            });
          }
          continue;
        }
        const wrong = REQUIRED.map((name) => key.value(name)).find((value) => value && !isOne(key, value.name));
        const missing = REQUIRED.filter((name) => !key.value(name));
        if (wrong) {
          findings.push({
            file: wrong.file,
            span: wrong.valueLine.span,
            subject: registrySubject(key, wrong.name),
            message: `\`${valueAsWritten(wrong)}\` under \`${path}\` (${wrong.file.path}): ${wrong.name} must be dword:00000001${missing.length > 0 ? `, and ${listNames(missing)} ${missing.length > 1 ? 'are' : 'is'} absent` : ''}. ${WHY}`,
          });
        } else if (missing.length > 0) {
          const at = keyLine(registry, key);
          if (at) {
            findings.push({
              ...at,
              subject: registrySubject(key, missing.join('+')),
              message: `${listNames(missing.map((name) => `\`${name}\``))} ${missing.length > 1 ? 'are' : 'is'} absent under \`${path}\` (${view.name} view). ${WHY} Write ${missing.length > 1 ? 'them' : 'it'} as dword:00000001.`,
            });
          }
        }
      }
    }
    return findings;
  },
};

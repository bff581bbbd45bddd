/**
 * WEB014 machine-key-exposed-or-weak: a `machineKey` with explicit keys in a repository file (error), or weak validation / decryption algorithms (warning).
 */
import { attributeOf } from '../parse/config-syntax.js';
import { iisSubject } from './shared/iis.js';
import { ownSections, redacted, sameName, settingGroups, groupFinding } from './shared/web.js';
import type { FindingDraft } from './types.js';
import type { IisConfigModel, IisSite } from '../model/iis-config.js';

const SECTION = 'system.web/machineKey';
const WEAK_VALIDATION = ['MD5', 'SHA1', '3DES'];
const WEAK_DECRYPTION = ['DES', '3DES'];

/** The managedRuntimeVersion of the pool of a site's root application. */
function runtimeOf(model: IisConfigModel, site: IisSite | undefined): string | undefined {
  const root = site?.applications.find((application) => application.path === '/');
  const pool = model.applicationPoolNamed(root?.applicationPool ?? 'DefaultAppPool');
  return pool ? model.poolAttribute(pool, [], 'managedRuntimeVersion')?.value.toLowerCase() : undefined;
}
import type { Rule } from './types.js';

export const WEB014: Rule = {
  meta: {
    id: 'WEB014',
    name: 'machine-key-exposed-or-weak',
    shortDescription: "A machineKey with its keys in a file of the repository (forged ViewState: remote code execution), or weak MAC / encryption algorithms.",
    fullDescription:
      "Reports each machineKey element with an explicit validationKey or decryptionKey (not AutoGenerate) in a repository file, as an error, and validation MD5/SHA1/3DES or decryption DES/3DES, as a warning: at most one finding of each kind per element. Under iislint:cis, the SHA1 default validation of a .NET 2.0 application pool is reported per site. Keys are never printed: names and lengths only.",
    helpMarkdown: `
## What it finds
- A \`<machineKey>\` whose \`validationKey\` or \`decryptionKey\` is an explicit key (not \`AutoGenerate...\`): one error per element, naming the keys and their lengths (never their values).
- A \`<machineKey>\` with \`validation\` MD5, SHA1 or 3DES, or \`decryption\` DES or 3DES: one warning per element.
- Under \`iislint:cis\` only: a site whose root application runs in a .NET 2.0 pool (\`managedRuntimeVersion="v2.0"\`) and leaves \`validation\` at its SHA1 default.

## Why it matters
The machine key signs and encrypts ViewState, forms authentication tickets and other tokens. Anyone who has the key (every reader of the repository, every install of a product that ships it) can forge a ViewState payload, which ASP.NET deserializes: remote code execution. SHA1 and MD5 MACs and DES encryption are weak.

## Bad
\`\`\`xml
<system.web>
  <machineKey validationKey="…128 hex digits…" decryptionKey="…48 hex digits…" validation="SHA1" decryption="AES" />
</system.web>
\`\`\`

## Good
\`\`\`xml
<system.web>
  <machineKey validationKey="AutoGenerate,IsolateApps" decryptionKey="AutoGenerate,IsolateApps" validation="HMACSHA256" decryption="AES" />
</system.web>
\`\`\`

## How to fix
Remove the keys from the file (AutoGenerate, or keys set on each server outside source control, or an encrypted \`machineKey\` section), and rotate them: a key that was in a repository is public. Use \`validation="HMACSHA256"\` (or stronger) and \`decryption="AES"\`.

## Notes
- IIS default assumed: \`validationKey\`/\`decryptionKey\` "AutoGenerate,IsolateApps", \`decryption="Auto"\`; \`validation\` is SHA1 in ASPNET_schema.xml (the .NET 2.0 value) and HMACSHA256 for .NET 4.5+ applications (Microsoft Learn, "machineKey Element").
- Sources: ASPNET_schema.xml; Microsoft Learn, "machineKey Element (ASP.NET Settings Schema)"; Microsoft Security Blog, "Code injection attacks using publicly disclosed ASP.NET machine keys" (February 2025).
- CIS Microsoft IIS 10 Benchmark 3.8 "Ensure 'MachineKey validation method - .Net 3.5' is configured".
- CIS Microsoft IIS 10 Benchmark 3.9 "Ensure 'MachineKey validation method - .Net 4.5' is configured".
`,
    defaultLevel: 'error',
    tags: ['security',  'iis',  'external/cwe/cwe-798',  'external/cwe/cwe-321',  'external/cwe/cwe-327'],
    securitySeverity: '8.8',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 3.8', 'IIS10 3.9'] },
  },
  check(server, options) {
    const model = server.iis;
    if (!model) return [];
    const findings: FindingDraft[] = [];
    for (const occurrence of ownSections(model, SECTION)) {
      const element = occurrence.element;
      const file = occurrence.file.document.source;
      const keys = ['validationKey', 'decryptionKey']
        .map((name) => attributeOf(element, name))
        .filter((attribute) => attribute !== undefined && attribute.value.trim() !== '' && !/^autogenerate/i.test(attribute.value.trim()));
      if (keys.length > 0) {
        findings.push({
          message: `The machine key is in the file (${keys.map((key) => redacted(key!.name, key!.value)).join(', ')}): whoever reads it can forge ViewState, which ASP.NET deserializes (remote code execution), and forms tickets. Rotate it and keep it out of the repository.`,
          file,
          span: keys[0]!.nameSpan,
          subject: iisSubject(occurrence.path, SECTION, '#keys'),
        });
      }
      const validation = attributeOf(element, 'validation');
      const decryption = attributeOf(element, 'decryption');
      const weak = [
        ...(validation && WEAK_VALIDATION.some((name) => sameName(validation.value, name)) ? [validation] : []),
        ...(decryption && WEAK_DECRYPTION.some((name) => sameName(decryption.value, name)) ? [decryption] : []),
      ];
      if (weak.length > 0) {
        findings.push({
          message: `The machine key uses weak algorithms (${weak.map((attribute) => `${attribute.name}="${attribute.value}"`).join(', ')}): use validation="HMACSHA256" or stronger and decryption="AES".`,
          file,
          span: weak[0]!.span,
          subject: iisSubject(occurrence.path, SECTION, '#algorithms'),
          level: 'warning',
        });
      }
    }
    if (options.explicitValues) {
      // SHA1 is the schema's default, which .NET 4.5+ replaces with HMACSHA256: only a .NET 2.0 pool keeps it.
      const query = { section: SECTION, elementPath: [], attribute: 'validation' };
      const groups = settingGroups(model, query, (value, scope) => sameName(value, 'SHA1') && runtimeOf(model, scope.anchor.site)?.startsWith('v2') === true);
      for (const group of groups) if (!group.set) findings.push(groupFinding(group, query, (origin) => `The machine key validation is SHA1 in a .NET 2.0 application pool (${origin}).`, 'warning'));
    }
    return findings;
  },
};

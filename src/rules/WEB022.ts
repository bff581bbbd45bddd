/**
 * WEB022 ssl-flags-inconsistent: `access@sslFlags` with SslRequireCert but not SslNegotiateCert, or Ssl128 without Ssl.
 */
import { sectionAttributeValues } from '../model/iis-schema.js';
import { checkSetting, flagNames } from './shared/web.js';


function problems(value: string): string[] {
  const flags = flagNames(value, sectionAttributeValues('system.webServer/security/access', 'sslFlags'));
  return [
    ...(flags.has('sslrequirecert') && !flags.has('sslnegotiatecert') ? ['SslRequireCert without SslNegotiateCert requires no certificate (IIS never asks for one)'] : []),
    ...(flags.has('ssl128') && !flags.has('ssl') ? ['Ssl128 without Ssl does not require HTTPS (plain HTTP is still served)'] : []),
  ];
}
import type { Rule } from './types.js';

export const WEB022: Rule = {
  meta: {
    id: 'WEB022',
    name: 'ssl-flags-inconsistent',
    shortDescription: "access sslFlags that do not do what they say: SslRequireCert without SslNegotiateCert, or Ssl128 without Ssl.",
    fullDescription:
      "Reports system.webServer/security/access@sslFlags holding SslRequireCert without SslNegotiateCert (no certificate is ever asked for, so none is required), or Ssl128 without Ssl (128-bit is required only of HTTPS requests; HTTP stays allowed), once where set.",
    helpMarkdown: `
## What it finds
\`<access sslFlags="...">\` with \`SslRequireCert\` but not \`SslNegotiateCert\`, or \`Ssl128\` but not \`Ssl\` (names or a number).

## Why it matters
IIS asks for a client certificate only with \`SslNegotiateCert\`: \`SslRequireCert\` alone requires nothing. \`Ssl128\` only strengthens \`Ssl\`: without it plain HTTP is still served. Either way the configuration looks stricter than it is.

## Bad
\`\`\`xml
<system.webServer>
  <security>
    <access sslFlags="Ssl128, SslRequireCert" />
  </security>
</system.webServer>
\`\`\`

## Good
\`\`\`xml
<system.webServer>
  <security>
    <access sslFlags="Ssl, Ssl128, SslNegotiateCert, SslRequireCert" />
  </security>
</system.webServer>
\`\`\`

## How to fix
Add \`SslNegotiateCert\` next to \`SslRequireCert\`, and \`Ssl\` next to \`Ssl128\` (or remove the flag that does nothing).

## Notes
- IIS default assumed: \`sslFlags="None"\` (IIS_schema.xml, \`system.webServer/security/access\`).
- Sources: IIS_schema.xml; Microsoft Learn, "Access Security <access>" (IIS configuration reference); DOMAIN.md §8 (RequireCert only with NegotiateCert).
`,
    defaultLevel: 'warning',
    tags: ['security',  'iis',  'external/cwe/cwe-295',  'external/cwe/cwe-319'],
    securitySeverity: '5.0',
    precision: 'very-high',
  },
  check: checkSetting({
    query: { section: 'system.webServer/security/access', elementPath: [], attribute: 'sslFlags' },
    atFault: (value) => problems(value).length > 0,
    message: (origin, group) => `The sslFlags do not do what they say (${origin}): ${problems(group.value).join('; ')}.`,
  }),
};

/**
 * WEB007 credentials-in-config: user credentials in `forms/credentials`, `passwordFormat="Clear"`, and connection strings with a clear-text password.
 */
import { attributeOf } from '../parse/config-syntax.js';
import { iisSubject } from './shared/iis.js';
import { clearPassword, ownSections, redacted } from './shared/web.js';
import type { FindingDraft } from './types.js';
import type { Rule } from './types.js';

export const WEB007: Rule = {
  meta: {
    id: 'WEB007',
    name: 'credentials-in-config',
    shortDescription: "Credentials stored in configuration: forms users (and clear-text passwords), or a connection string with a password, outside an encrypted section.",
    fullDescription:
      "Reports each forms/credentials element holding users or passwordFormat=\"Clear\" (one error per element, saying whether passwords are clear text), and each connectionStrings entry whose connection string holds Password= or Pwd= in clear text (the section not encrypted). Messages never show a password: names and lengths only.",
    helpMarkdown: `
## What it finds
- A \`<credentials>\` element under \`<forms>\` with \`<user>\` entries: one error per element, whatever the number of users; the message says whether \`passwordFormat\` is \`Clear\`. A \`<credentials passwordFormat="Clear">\` without users is reported too.
- A \`<connectionStrings>\` \`<add>\` whose \`connectionString\` holds \`Password=\` or \`Pwd=\` with a value, in a section that is not encrypted (\`configProtectionProvider\`): one error per entry.

The message names the entry and the length of the secret; it never prints it (nor does any output format).

## Why it matters
Configuration files are copied to source control, backups, build logs and support tickets. A password in one is a password for everyone who sees any copy; \`Clear\` forms passwords, and SHA1/MD5 hashes without salt, are read or cracked at once.

## Bad
\`\`\`xml
<connectionStrings>
  <add name="Shop" connectionString="Server=db;Database=shop;User ID=web;Password=…" />
</connectionStrings>
\`\`\`

## Good
\`\`\`xml
<connectionStrings>
  <add name="Shop" connectionString="Server=db;Database=shop;Integrated Security=true" />
</connectionStrings>
\`\`\`

## How to fix
Use integrated security (the application pool identity) or a secret store; encrypt what must stay with \`aspnet_regiis -pef connectionStrings\`; replace forms \`<credentials>\` with a membership or identity store.

## Notes
- IIS default assumed: \`passwordFormat="SHA1"\` (ASPNET_schema.xml, \`system.web/authentication/forms/credentials\`); a section with \`configProtectionProvider\` is encrypted and not read.
- Sources: ASPNET_schema.xml; Microsoft Learn, "credentials Element for forms for authentication", "Encrypting Configuration Information Using Protected Configuration".
- CIS Microsoft IIS 10 Benchmark 2.7 "Ensure 'passwordFormat' is not set to clear".
- CIS Microsoft IIS 10 Benchmark 2.8 "Ensure 'credentials' are not stored in configuration files".
`,
    defaultLevel: 'error',
    tags: ['security',  'iis',  'external/cwe/cwe-798',  'external/cwe/cwe-256',  'external/cwe/cwe-260'],
    securitySeverity: '8.2',
    precision: 'high',
    benchmarks: { cis: ['IIS10 2.7', 'IIS10 2.8'] },
  },
  check(server) {
    const model = server.iis;
    if (!model) return [];
    const findings: FindingDraft[] = [];
    for (const occurrence of ownSections(model, 'system.web/authentication')) {
      for (const forms of occurrence.element.children.filter((child) => child.name === 'forms')) {
        for (const credentials of forms.children.filter((child) => child.name === 'credentials')) {
          const users = credentials.children.filter((child) => child.name === 'user');
          const format = attributeOf(credentials, 'passwordFormat')?.value ?? 'SHA1';
          const clear = format.trim().toLowerCase() === 'clear';
          if (users.length === 0 && !clear) continue;
          const passwords = users.map((user) => attributeOf(user, 'password')?.value ?? '');
          findings.push({
            message:
              users.length === 0
                ? 'Forms credentials are set to store passwords in clear text (passwordFormat="Clear"): any user added here is a password in the file.'
                : `Forms credentials hold ${users.length} user${users.length === 1 ? '' : 's'} in the configuration file, passwords ${clear ? 'in clear text (passwordFormat="Clear")' : `as unsalted ${format} hashes`} (${passwords.map((password, index) => redacted(`password ${index + 1}`, password)).join(', ')}).`,
            file: occurrence.file.document.source,
            span: credentials.nameSpan,
            subject: iisSubject(occurrence.path, occurrence.name, '/forms/credentials'),
          });
        }
      }
    }
    for (const occurrence of ownSections(model, 'connectionStrings')) {
      for (const add of occurrence.element.children.filter((child) => child.name === 'add')) {
        const connectionString = attributeOf(add, 'connectionString');
        const password = connectionString ? clearPassword(connectionString.value) : undefined;
        if (!connectionString || !password) continue;
        const name = attributeOf(add, 'name')?.value ?? '';
        findings.push({
          message: `Connection string "${name}" holds a password in clear text (${redacted(password.key, password.value)}), in a connectionStrings section that is not encrypted.`,
          file: occurrence.file.document.source,
          span: connectionString.nameSpan,
          subject: iisSubject(occurrence.path, occurrence.name, `/add[${name}]@connectionString`),
        });
      }
    }
    return findings;
  },
};

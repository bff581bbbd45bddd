/**
 * IIS001 section-locked: a section set below the level that locks it (overrideModeDefault="Deny"
 * not reopened, allowOverride="false" / overrideMode="Deny", lockAttributes, lockElements,
 * lockItem). Where IIS006 applies to the same section element, IIS006 reports it instead.
 */
import { attributeOf } from '../parse/config-syntax.js';
import { DEFAULT_INSTALL_NOTE, elementPathBelow, iisSubject, notAllowedHere, ownOccurrences, whereIn } from './shared/iis.js';
import type { FindingDraft, Rule } from './types.js';

const LOCKED = 'IIS answers HTTP 500.19 "This configuration section cannot be used at this path. This happens when the section is locked at a parent level." (0x80070021)';

export const IIS001: Rule = {
  meta: {
    id: 'IIS001',
    name: 'section-locked',
    shortDescription: 'A web.config sets a section, attribute or element that a parent level locks: HTTP 500.19 (0x80070021).',
    fullDescription:
      'Reports a configuration section set in a web.config (or another lower level) while a parent level locks it: its declaration has ' +
      'overrideModeDefault="Deny" and no `<location overrideMode="Allow">` above reopens it, a `<location>` above says overrideMode="Deny" or ' +
      'allowOverride="false", or lockAttributes, lockElements, lockAllAttributesExcept, lockAllElementsExcept or lockItem forbid what is set. ' +
      'Every request to the path then fails with HTTP 500.19.',
    helpMarkdown: `
## What it finds
A section, attribute or element set at a level below the one that locks it:
- a section whose declaration in \`<configSections>\` says \`overrideModeDefault="Deny"\` (in a default IIS 10 install:
  \`handlers\`, \`modules\`, \`asp\`, \`security/access\`, every \`security/authentication/*\`, \`ipSecurity\`, \`serverRuntime\`,
  ...), unless a \`<location overrideMode="Allow">\` at a level above reopens it for the path;
- a section inside a \`<location>\` of a parent level with \`overrideMode="Deny"\` or \`allowOverride="false"\`;
- an attribute named by \`lockAttributes\` (or not named by \`lockAllAttributesExcept\`), a child element named by
  \`lockElements\` (or not by \`lockAllElementsExcept\`), and a \`remove\` or \`clear\` of an entry a parent marked \`lockItem="true"\`.

Locations inside applicationHost.config are at the level that declares the lock: applicationHost.config may set its own
locked sections for any path. Without an applicationHost.config the web.config is judged against a default IIS 10 install
and the finding is a **warning** (the real server may have unlocked the section).

## Why it matters
IIS refuses the whole configuration of the path: every request to the site or application answers HTTP 500.19 "The
requested page cannot be accessed because the related configuration data for the page is invalid", with error code
0x80070021 "This configuration section cannot be used at this path. This happens when the section is locked at a parent
level." A deployment that works on a developer's IIS Express (where the section was unlocked) takes the site down on the server.

## Bad
\`\`\`xml
<configuration>
  <system.webServer>
    <security>
      <authentication>
        <windowsAuthentication enabled="true" />
      </authentication>
    </security>
  </system.webServer>
</configuration>
\`\`\`

## Good
Set the section where it is unlocked, in applicationHost.config for the site:
\`\`\`xml
<location path="Default Web Site/app" overrideMode="Allow">
  <system.webServer>
    <security>
      <authentication>
        <windowsAuthentication enabled="true" />
      </authentication>
    </security>
  </system.webServer>
</location>
\`\`\`

## How to fix
Either move the setting into applicationHost.config (a \`<location path="Site/app">\` there), or unlock the section for the
path on the server (\`appcmd unlock config "Site/app" -section:system.webServer/security/authentication/windowsAuthentication\`
writes \`<location path="Site/app" overrideMode="Allow">\`), or remove the setting from the web.config.

## Notes
- Sources: Microsoft Learn, "HTTP Error 500.19 when you open an IIS webpage" (error code 0x80070021); "How to Use Locking in
  IIS Configuration"; the \`<configSections>\` of a default IIS 10 applicationHost.config.
- A section IIS006 reports (set where its \`allowDefinition\` forbids it) is not reported here too.
`,
    defaultLevel: 'error',
    tags: ['correctness', 'iis', 'availability'],
    securitySeverity: '7.5',
    precision: 'high',
  },
  check(server) {
    const model = server.iis;
    if (!model) return [];
    const findings: FindingDraft[] = [];
    const level = model.hasApplicationHost ? undefined : 'warning';
    const suffix = model.hasApplicationHost ? '' : ` (${DEFAULT_INSTALL_NOTE})`;
    for (const occurrence of ownOccurrences(model)) {
      if (occurrence.file.level === 'machine' || notAllowedHere(model, occurrence)) continue;
      const file = occurrence.file.document.source;
      const { locked, by } = model.sectionLock(occurrence);
      if (locked && by) {
        findings.push({
          message: `${occurrence.name} is locked at a parent level (${by.what}, ${whereIn(by.file, by.element)}): ${LOCKED}${suffix}.`,
          file,
          span: occurrence.element.nameSpan,
          subject: iisSubject(occurrence.path, occurrence.name),
          ...(level ? { level } : {}),
        });
        continue;
      }
      for (const violation of model.elementLockViolations(occurrence)) {
        const { element, attributeName } = violation.target;
        const attribute = attributeName ? attributeOf(element, attributeName) : undefined;
        const what = attributeName ? `attribute '${attributeName}' of <${element.name}>` : `<${element.name}>`;
        findings.push({
          message: `${occurrence.name}: ${what} is locked at a parent level (${violation.lockedBy.what}, ${whereIn(violation.lockedBy.file, violation.lockedBy.element)}): IIS answers HTTP 500.19 (0x80070021)${suffix}.`,
          file,
          span: attribute ? attribute.span : element.nameSpan,
          subject: iisSubject(occurrence.path, occurrence.name, `${elementPathBelow(occurrence.element, element)}${attributeName ? `@${attributeName}` : ''}`),
          ...(level ? { level } : {}),
        });
      }
    }
    return findings;
  },
};

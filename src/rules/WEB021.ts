/**
 * WEB021 https-site-without-hsts: a site with an https binding and no HSTS of at least a year (site `hsts` or a Strict-Transport-Security custom header).
 */
import { attributeOf } from '../parse/config-syntax.js';
import { iisSubject } from './shared/iis.js';
import { fileHolding, isTrue } from './shared/web.js';
import type { FindingDraft } from './types.js';

const ONE_YEAR = 31536000;
import type { Rule } from './types.js';

export const WEB021: Rule = {
  meta: {
    id: 'WEB021',
    name: 'https-site-without-hsts',
    shortDescription: "An https site without HSTS for at least a year: browsers may still be downgraded to plain HTTP.",
    fullDescription:
      "Reports each site with an https binding where neither the site's hsts (IIS 10 1709+) is enabled with max-age >= 31536000 nor the effective custom headers send Strict-Transport-Security with such a max-age: at the hsts element or the max-age attribute when set, else at the site element.",
    helpMarkdown: `
## What it finds
A site with an \`https\` binding where neither \`<hsts enabled="true" max-age="31536000">\` (or longer) is set on the site (or \`siteDefaults\`), nor the effective \`httpProtocol/customHeaders\` at the site add \`Strict-Transport-Security\` with \`max-age\` of at least 31536000. Reported for each such site under every preset.

## Why it matters
Without HSTS, the first request of a visit (a typed domain, an old bookmark) goes over HTTP and can be intercepted and kept on HTTP (SSL stripping). A max-age below a year, or a header without \`max-age\` (browsers ignore it), gives little or no protection.

## Bad
\`\`\`xml
<site name="Shop" id="2">
  <bindings>
    <binding protocol="https" bindingInformation="*:443:shop.example.com" />
  </bindings>
</site>
\`\`\`

## Good
\`\`\`xml
<site name="Shop" id="2">
  <bindings>
    <binding protocol="https" bindingInformation="*:443:shop.example.com" />
  </bindings>
  <hsts enabled="true" max-age="31536000" includeSubDomains="true" redirectHttpToHttps="true" />
</site>
\`\`\`

## How to fix
On IIS 10 version 1709 and later, add \`<hsts enabled="true" max-age="31536000" redirectHttpToHttps="true" />\` to the site; on earlier versions, send \`Strict-Transport-Security: max-age=31536000\` (a custom header or a URL Rewrite outbound rule on HTTPS responses).

## Notes
- IIS default assumed: \`hsts enabled="false"\`, \`max-age="0"\` (Microsoft Learn, "HSTS <hsts>", IIS 10.0 version 1709); no custom headers.
- Sources: Microsoft Learn, "HSTS <hsts>" (IIS configuration reference) and "IIS 10.0 Version 1709 HTTP Strict Transport Security (HSTS) Support"; RFC 6797.
- CIS Microsoft IIS 10 Benchmark 7.1 "Ensure HSTS Header is set".
`,
    defaultLevel: 'warning',
    tags: ['security',  'iis',  'external/cwe/cwe-319',  'external/cwe/cwe-523'],
    securitySeverity: '5.4',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 7.1'] },
  },
  check(server) {
    const model = server.iis;
    if (!model) return [];
    const findings: FindingDraft[] = [];
    for (const site of model.sites) {
      if (!site.bindings.some((binding) => binding.protocol.toLowerCase() === 'https')) continue;
      const enabled = model.siteAttribute(site, ['hsts'], 'enabled');
      const maxAge = model.siteAttribute(site, ['hsts'], 'max-age');
      if (enabled && isTrue(enabled.value) && Number(maxAge?.value ?? 0) >= ONE_YEAR) continue;
      const header = model
        .effectiveCollection(site.configPath, 'system.webServer/httpProtocol', ['customHeaders'])
        .entries.find((entry) => attributeOf(entry.element, 'name')?.value.toLowerCase() === 'strict-transport-security');
      const headerAge = Number(/max-age\s*=\s*"?(\d+)/i.exec(header ? (attributeOf(header.element, 'value')?.value ?? '') : '')?.[1] ?? -1);
      if (headerAge >= ONE_YEAR) continue;
      const file = fileHolding(model, site.element);
      if (!file) continue;
      const setAge = maxAge?.provenance.kind === 'file' && enabled && isTrue(enabled.value) ? maxAge.provenance : undefined;
      const why = enabled && isTrue(enabled.value)
        ? `hsts max-age="${maxAge?.value ?? '0'}" is below 31536000`
        : header
          ? `its Strict-Transport-Security header has ${headerAge < 0 ? 'no max-age (browsers ignore it)' : `max-age=${headerAge}, below 31536000`}`
          : 'neither hsts is enabled nor a Strict-Transport-Security header sent';
      findings.push({
        message: `Site "${site.name}" has an https binding without HSTS of at least a year (${why}): browsers can be kept on plain HTTP.`,
        file: setAge ? setAge.file : file.document.source,
        span: setAge ? attributeOf(setAge.element, 'max-age')!.span : site.element.nameSpan,
        subject: iisSubject(site.configPath, 'system.applicationHost/sites', '/hsts'),
      });
    }
    return findings;
  },
};

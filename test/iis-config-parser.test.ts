/** IIS 7+ configuration files: recognition, exact spans, malformed XML, the real corpus. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LINT_OPTIONS, lintServer } from '../src/engine/lint.js';
import { loadServer } from '../src/engine/load.js';
import { parseConfig } from '../src/parse/config.js';
import { detectKind } from '../src/parse/detect.js';
import { sourceFromText } from '../src/parse/text.js';
import { CFG001 } from '../src/rules/CFG001.js';
import { corpusDir, corpusFiles, hasCorpus } from './support/corpus.js';

const APPHOST_HEAD = '<?xml version="1.0"?>\n<configuration>\n<configSections><sectionGroup name="system.applicationHost" /></configSections>\n</configuration>';

describe('recognition', () => {
  it.each([
    ['applicationHost.config by content, whatever its name', 'backup/applicationHost_SSL.config', APPHOST_HEAD, 'apphost'],
    ['a web.config by name, any case', 'site/Web.Config', '<configuration><system.web /></configuration>', 'webconfig'],
    ['a file whose name ends with web.config', 'h5bp.web.config', '<configuration />', 'webconfig'],
    ['machine.config by exact name', 'Config/machine.config', '<configuration />', 'machine'],
    ['root.web.config by exact name, before the web.config rule', 'Config/root.web.config', '<configuration />', 'rootweb'],
    ['redirection.config by exact name', 'redirection.config', '<configuration />', 'redirection'],
    ['a fragment: root location', 'sample.xml', '<location path="Default Web Site"><system.webServer /></location>', 'fragment'],
  ])('%s', (_name, filePath, text, configKind) => {
    expect(detectKind(sourceFromText(filePath, text))).toEqual({ kind: 'iis-config', configKind });
  });

  it.each([
    ['a transform', 'Web.Release.config', '<configuration xmlns:xdt="x"><system.web xdt:Transform="RemoveAttributes(debug)" /></configuration>', /transform/],
    ['a web.config holding xdt:Transform', 'web.config', '<configuration><system.web xdt:Transform="Replace" /></configuration>', /transform/],
    ['App.config', 'App.config', '<configuration><startup /></configuration>', /not a web\.config/],
    ['NuGet.config', 'NuGet.config', '<configuration><packageSources /></configuration>', /not a web\.config/],
    ['administration.config', 'inetsrv/config/administration.config', '<configuration><moduleProviders /></configuration>', /IIS Manager/],
  ])('skips %s with a reason', (_name, filePath, text, reason) => {
    const detected = detectKind(sourceFromText(filePath, text));
    expect(detected.kind).toBe('skipped');
    if (detected.kind === 'skipped') expect(detected.reason).toMatch(reason);
  });
});

describe('parser', () => {
  it('keeps exact spans of elements, names, attributes and values; decodes entities', () => {
    const text = '<configuration>\r\n  <a x="1 &amp; 2" y=\'&#65;\'/>\r\n  <b>\r\n  </b>\r\n</configuration>';
    const document = parseConfig(sourceFromText('web.config', text), 'webconfig');
    const [a, b] = document.root!.children;
    expect(text.slice(a!.span.start, a!.span.end)).toBe('<a x="1 &amp; 2" y=\'&#65;\'/>');
    expect(a!.attributes.map((attribute) => [attribute.name, attribute.value, text.slice(attribute.span.start, attribute.span.end), text.slice(attribute.valueSpan.start, attribute.valueSpan.end)])).toEqual([
      ['x', '1 & 2', 'x="1 &amp; 2"', '1 &amp; 2'],
      ['y', 'A', "y='&#65;'", '&#65;'],
    ]);
    expect(text.slice(b!.span.start, b!.span.end)).toBe('<b>\r\n  </b>');
    expect(text.slice(b!.nameSpan.start, b!.nameSpan.end)).toBe('b');
    expect(b!.parent).toBe(document.root);
  });

  it('skips comments, CDATA and processing instructions', () => {
    const document = parseConfig(sourceFromText('web.config', '<?xml version="1.0"?><!-- <x> --><configuration><![CDATA[<y>]]><z/></configuration>'), 'webconfig');
    expect(document.root!.children.map((child) => child.name)).toEqual(['z']);
  });

  it.each([
    ['a mismatched end tag', '<configuration>\n<a>\n</b>\n</configuration>', 3],
    // FXP's validator points at the outermost element left open.
    ['an unclosed element (truncated file)', '<configuration>\n<a>\n', 1],
    ['an unquoted attribute', '<configuration>\n<a x=1/>\n</configuration>', 2],
    ['a bare &', '<configuration>\n<a x="a & b"/>\n</configuration>', 2],
  ])('%s is CFG001 (0x8007000d), at its line', (_name, text, line) => {
    const server = loadServer('s', [{ path: 'web.config', bytes: new TextEncoder().encode(text) }], undefined);
    const findings = lintServer(server, DEFAULT_LINT_OPTIONS, [CFG001]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.region.startLine).toBe(line);
    expect(findings[0]!.message).toContain('web.config is not well-formed XML');
    expect(findings[0]!.message).toContain('0x8007000d');
  });
});

describe.skipIf(!hasCorpus)('corpus (../shared/corpus)', () => {
  const names = [...corpusFiles('apphost').map((name) => `apphost/${name}`), ...corpusFiles('webconfig').map((name) => `webconfig/${name}`)].filter(
    (name) => /\.config$/i.test(name),
  );

  it('has files to check', () => {
    expect(names.length).toBeGreaterThan(20);
  });

  it.each(names)('%s loads as IIS 7+ configuration without CFG001', (name) => {
    const server = loadServer('corpus', [{ path: path.basename(name), bytes: readFileSync(path.join(corpusDir, name)) }], undefined);
    expect(server.configDocuments).toHaveLength(1);
    expect(server.configDocuments[0]!.root).toBeDefined();
    expect(lintServer(server, DEFAULT_LINT_OPTIONS, [CFG001])).toEqual([]);
  });

  it.each(corpusFiles('malformed').filter((name) => /web\.config$/i.test(name)))('malformed/%s is one CFG001', (name) => {
    const server = loadServer('corpus', [{ path: name, bytes: readFileSync(path.join(corpusDir, 'malformed', name)) }], undefined);
    expect(lintServer(server, DEFAULT_LINT_OPTIONS, [CFG001])).toHaveLength(1);
  });

  it('finds what the corpus notes say: duplicate httpCookies and re-declared system.web.extensions (webgoat), locked auth (ruant), rewrite (nuget)', () => {
    const lintOne = (name: string) => {
      const server = loadServer('corpus', [{ path: path.basename(name), bytes: readFileSync(path.join(corpusDir, name)) }], undefined);
      return lintServer(server, DEFAULT_LINT_OPTIONS).filter((finding) => finding.ruleId.startsWith('IIS'));
    };
    const webgoat = lintOne('webconfig/jerryhoff-webgoat-dup-httpcookies-clearcreds.Web.config');
    expect(webgoat.filter((finding) => finding.message.includes("'system.web/httpCookies' already defined")).map((finding) => finding.region.startLine)).toEqual([52]);
    expect(webgoat.filter((finding) => finding.message.startsWith("There is a duplicate 'system.web.extensions/")).length).toBeGreaterThan(0);
    const ruant = lintOne('webconfig/ruant-locked-auth-sections-in-location.Web.config');
    expect(ruant.filter((finding) => finding.ruleId === 'IIS001').map((finding) => finding.region.startLine)).toEqual([27, 28]);
    expect(lintOne('webconfig/nuget-gallery-hardened-hsts.Web.config').map((finding) => finding.ruleId)).toContain('IIS004');
    // Each mimeMap add follows its own <remove>: IIS tolerates it.
    expect(lintOne('webconfig/h5bp-webforms-mimemap-added-twice.web.config').filter((finding) => finding.ruleId === 'IIS002')).toEqual([]);
  });
});

describe('bad input is expected input', () => {
  const pieces = ['<configuration>', '</configuration>', '<system.webServer>', '</system.webServer>', '<location path="a">', '</location>', '<directoryBrowse enabled="true" />', '<a x="1"', '/>', '>', '<!--', '-->', '&amp;', '&', '"', "'", '<', '\r\n', ' ', 'x'];
  it('any text: no throw, one CFG001 at most, every span inside the text', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const server = loadServer('s', [{ path: 'web.config', bytes: new TextEncoder().encode(text) }], undefined);
        const findings = lintServer(server, DEFAULT_LINT_OPTIONS);
        expect(findings.filter((finding) => finding.ruleId === 'CFG001').length).toBeLessThanOrEqual(1);
        for (const finding of findings) expect(finding.span.end).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 300 },
    );
  });

  it("an error fast-xml-parser gives without a column (a comment closed at once, '<!-->'): CFG001 at the line's start", () => {
    const findings = lintServer(loadServer('s', [{ path: 'web.config', bytes: new TextEncoder().encode('<!--><configuration>') }], undefined), DEFAULT_LINT_OPTIONS, [CFG001]);
    expect(findings.map((finding) => [finding.ruleId, finding.region.startLine, finding.region.startColumn])).toEqual([['CFG001', 1, 1]]);
  });

  it('bytes that are not UTF-8, without an encoding declaration: CFG001 at the first one', () => {
    const bytes = Buffer.concat([Buffer.from('<configuration>\n<a x="caf'), Buffer.from([0xe9]), Buffer.from('" />\n</configuration>')]);
    const findings = lintServer(loadServer('s', [{ path: 'web.config', bytes }], undefined), DEFAULT_LINT_OPTIONS, [CFG001]);
    expect(findings.map((finding) => [finding.region.startLine, finding.region.startColumn])).toEqual([[2, 10]]);
  });
});

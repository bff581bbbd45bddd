import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeFlags } from '../src/model/metabase-schema.js';
import { parseMetabase, sourceOffsetInValue } from '../src/parse/metabase.js';
import type { MetabaseDocument, MetabaseKey, MetabaseProperty } from '../src/parse/metabase-syntax.js';
import { decodeBytes, sourceFromText, type Position, type Span } from '../src/parse/text.js';
import { corpusDir as sharedCorpusDir } from './support/corpus.js';

const corpusDir = path.join(sharedCorpusDir, 'metabase');

function parse(text: string): MetabaseDocument {
  return parseMetabase(sourceFromText('MetaBase.xml', text));
}

function textOf(document: MetabaseDocument, span: Span): string {
  return document.source.text.slice(span.start, span.end);
}

function at(document: MetabaseDocument, offset: number): Position {
  return document.source.lines.position(offset);
}

function key(document: MetabaseDocument, location: string): MetabaseKey {
  const found = document.keys.find((candidate) => candidate.location === location);
  if (!found) throw new Error(`no key ${location}`);
  return found;
}

function property(owner: MetabaseKey, name: string): MetabaseProperty {
  const found = owner.properties.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no property ${name}`);
  return found;
}

const wrap = (keys: string) => `<configuration>\r\n<MBProperty>\r\n${keys}\r\n</MBProperty>\r\n</configuration>\r\n`;

// Shaped like a real MetaBase.xml: CRLF, tabs, `Location ="..."`, a multi-line value, Custom children.
const METABASE = [
  '<?xml version ="1.0"?>',
  '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
  '<MBProperty>',
  '<IIsWebService\tLocation ="/LM/W3SVC"',
  '\t\tAccessSSLFlags="AccessSSL | AccessSSLNegotiateCert"',
  '\t\tHttpErrors="400,*,FILE,C:\\400.htm',
  '\t\t\t401,1,FILE,C:\\401-1.htm"',
  '\t\tServerComment=\'single &amp; &lt;quoted&gt;\'',
  '\t>',
  '\t<Custom',
  '\t\tName="UnknownName_6030"',
  '\t\tID="6030"',
  '\t\tValue="AccessSSLRequireCert"',
  '\t\tType="DWORD"',
  '\t\tUserType="IIS_MD_UT_FILE"',
  '\t\tAttributes="INHERIT"',
  '\t/>',
  '\t<Custom',
  '\t\tName=""',
  '\t\tID="9202"',
  '\t\tValue="4294967295"',
  '\t\tAttributes="NO_ATTRIBUTES"',
  '\t/>',
  '</IIsWebService>',
  '<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT" AccessFlags="AccessRead | AccessScript "/>',
  '<IIsCertMapper\tLocation ="/LM/W3SVC/1/IIsCertMapper"',
  '\t>',
  '\t<IIsCertMapping Location="x"><Deeper/></IIsCertMapping>',
  '\t<Mapping/>',
  '</IIsCertMapper>',
  '</MBProperty>',
  '</configuration>',
  '',
].join('\r\n');

describe('parseMetabase: structure', () => {
  const document = parse(METABASE);

  it('reads every key under MBProperty with its class and Location, and no diagnostics', () => {
    expect(document.diagnostics).toEqual([]);
    expect(document.keys.map((k) => [k.className, k.location])).toEqual([
      ['IIsWebService', '/LM/W3SVC'],
      ['IIsWebVirtualDir', '/LM/W3SVC/1/ROOT'],
      ['IIsCertMapper', '/LM/W3SVC/1/IIsCertMapper'],
    ]);
  });

  it('records the root element and its xmlns', () => {
    expect(document.xmlns).toBe('urn:microsoft-catalog:XML_Metabase_V64_0');
    expect(document.rootSpan).toEqual({ start: 25, end: 38 });
    expect(textOf(document, document.rootSpan!)).toBe('configuration');
  });

  it('has no xmlns when the root has none', () => {
    const bare = parse(wrap('<IIsComputer Location ="/LM"/>'));
    expect(bare.xmlns).toBeUndefined();
    expect(bare.diagnostics).toEqual([]);
    expect(bare.keys).toHaveLength(1);
  });

  it('points a key at its element name', () => {
    const service = key(document, '/LM/W3SVC');
    expect(textOf(document, service.span)).toBe('IIsWebService');
    expect(at(document, service.span.start)).toEqual({ line: 4, column: 2 });
  });

  it('keeps attribute properties in order, then Custom children', () => {
    expect(key(document, '/LM/W3SVC').properties.map((p) => [p.name, p.origin])).toEqual([
      ['AccessSSLFlags', 'attribute'],
      ['HttpErrors', 'attribute'],
      ['ServerComment', 'attribute'],
      ['AccessSSLFlags', 'custom'],
      ['Custom(9202)', 'custom'],
    ]);
  });

  it('reads <Custom ID="2111"> as PeriodicRestartTime and ID 2103 as AppRoot (MD_APP_ROOT)', () => {
    const customs = parse(
      '<configuration><MBProperty><IIsApplicationPool Location="/LM/W3SVC/AppPools/P">' +
        '<Custom Name="PeriodicRestartTime" ID="2111" Value="1740" Type="DWORD" UserType="IIS_MD_UT_SERVER" Attributes="INHERIT"/>' +
        '<Custom ID="2103" Value="/LM/W3SVC/1/ROOT" Type="STRING"/>' +
        '</IIsApplicationPool></MBProperty></configuration>',
    );
    expect(customs.keys[0]!.properties.map((p) => [p.name, p.id])).toEqual([
      ['PeriodicRestartTime', 2111],
      ['AppRoot', 2103],
    ]);
  });

  it('counts child elements other than Custom, not their descendants', () => {
    const mapper = key(document, '/LM/W3SVC/1/IIsCertMapper');
    expect(mapper.properties).toEqual([]);
    expect(mapper.childElementCount).toBe(2);
    expect(key(document, '/LM/W3SVC').childElementCount).toBe(0);
  });

  it('ignores elements that are not under MBProperty', () => {
    const other = parse('<configuration><Other Location="/x"/><MBProperty><IIsComputer Location="/LM"/></MBProperty></configuration>');
    expect(other.keys.map((k) => k.location)).toEqual(['/LM']);
  });

  it('reads a key without Location as location ""', () => {
    expect(parse(wrap('<IIsWebServer ServerComment="x"/>')).keys[0]!.location).toBe('');
  });
});

describe('parseMetabase: attribute ranges', () => {
  const document = parse(METABASE);
  const service = key(document, '/LM/W3SVC');

  it('spans a single-line attribute from its name to its closing quote', () => {
    const flags = property(service, 'AccessSSLFlags');
    expect(flags).toEqual({
      name: 'AccessSSLFlags',
      id: 6030,
      origin: 'attribute',
      value: 'AccessSSL | AccessSSLNegotiateCert',
      span: { start: 144, end: 195 },
      valueSpan: { start: 160, end: 194 },
    });
    expect(textOf(document, flags.span)).toBe('AccessSSLFlags="AccessSSL | AccessSSLNegotiateCert"');
    expect(at(document, flags.span.start)).toEqual({ line: 5, column: 3 });
    expect(at(document, flags.valueSpan.start)).toEqual({ line: 5, column: 19 });
  });

  it('keeps a multi-line value with its line breaks', () => {
    const errors = property(service, 'HttpErrors');
    expect(errors.value).toBe('400,*,FILE,C:\\400.htm\r\n\t\t\t401,1,FILE,C:\\401-1.htm');
    expect(errors.id).toBeUndefined();
    expect(at(document, errors.valueSpan.start)).toEqual({ line: 6, column: 15 });
    expect(at(document, errors.valueSpan.end)).toEqual({ line: 7, column: 27 });
    expect(at(document, errors.span.end)).toEqual({ line: 7, column: 28 });
  });

  it('reads single-quoted values and decodes entities, keeping the raw range', () => {
    const comment = property(service, 'ServerComment');
    expect(comment.value).toBe('single & <quoted>');
    expect(textOf(document, comment.valueSpan)).toBe('single &amp; &lt;quoted&gt;');
    expect(textOf(document, comment.span)).toBe("ServerComment='single &amp; &lt;quoted&gt;'");
    // `<` is character 9 of the value, `&lt;` in the source.
    expect(sourceOffsetInValue(document.source.text, comment, 9)).toBe(comment.valueSpan.start + 13);
    expect(document.source.text.slice(comment.valueSpan.start + 13, comment.valueSpan.start + 17)).toBe('&lt;');
  });

  it('decodes every predefined entity and numeric references, nothing else', () => {
    const decoded = parse(wrap('<K Location="/" A="&amp;&lt;&gt;&quot;&apos;&#65;&#x42;&#x1F600;"/>'));
    expect(decoded.diagnostics).toEqual([]);
    expect(decoded.keys[0]!.properties[0]!.value).toBe('&<>"\'AB\u{1F600}');
  });

  it('accepts white space around = (Location ="...")', () => {
    const spaced = parse(wrap('<IIsWebServer Location  =  "/LM/W3SVC/2"\n ServerComment\n=\n"x"/>'));
    expect(spaced.diagnostics).toEqual([]);
    expect(spaced.keys[0]!.location).toBe('/LM/W3SVC/2');
    expect(textOf(spaced, spaced.keys[0]!.properties[0]!.span)).toBe('ServerComment\n=\n"x"');
  });

  it('reads attributes on the same line as the element name, self-closing', () => {
    const root = key(document, '/LM/W3SVC/1/ROOT');
    const access = property(root, 'AccessFlags');
    expect(access.value).toBe('AccessRead | AccessScript ');
    expect(at(document, access.span.start)).toEqual({ line: 25, column: 47 });
    expect(textOf(document, access.valueSpan)).toBe('AccessRead | AccessScript ');
  });

  it('counts positions in UTF-16 code units', () => {
    const astral = parse(wrap('<K Location="/\u{1F600}" B="é"/>'));
    const b = astral.keys[0]!.properties[0]!;
    expect(astral.keys[0]!.location).toBe('/\u{1F600}');
    expect(textOf(astral, b.valueSpan)).toBe('é');
    expect(at(astral, b.span.start)).toEqual({ line: 3, column: 19 });
  });
});

describe('parseMetabase: Custom elements', () => {
  const document = parse(METABASE);
  const customs = key(document, '/LM/W3SVC').properties.filter((p) => p.origin === 'custom');

  it('names a Custom with a known ID after the schema, whatever its Name says', () => {
    expect(customs[0]).toEqual({
      name: 'AccessSSLFlags',
      id: 6030,
      origin: 'custom',
      value: 'AccessSSLRequireCert',
      span: { start: 366, end: 394 },
      valueSpan: { start: 373, end: 393 },
      customName: 'UnknownName_6030',
      customType: 'DWORD',
      customAttributes: 'INHERIT',
    });
    expect(textOf(document, customs[0]!.span)).toBe('Value="AccessSSLRequireCert"');
  });

  it('names an incomplete Custom (empty Name, no Type) Custom(<ID>)', () => {
    expect(customs[1]).toMatchObject({ name: 'Custom(9202)', id: 9202, value: '4294967295', customName: '', customAttributes: 'NO_ATTRIBUTES' });
    expect(customs[1]!.customType).toBeUndefined();
  });

  it('uses the Name of a Custom whose ID is not in the schema', () => {
    const named = parse(wrap('<K Location="/"><Custom Name="MD_ISM_ACCESS_CHECK" ID="6269" Value="65535" Type="DWORD"/></K>'));
    expect(named.keys[0]!.properties[0]).toMatchObject({ name: 'MD_ISM_ACCESS_CHECK', id: 6269, customType: 'DWORD' });
  });

  it('spans a Custom without Value by its start tag, with an empty value at its end', () => {
    const text = wrap('<K Location="/"><Custom ID="1" ></Custom></K>');
    const bare = parse(text);
    const custom = bare.keys[0]!.properties[0]!;
    expect(custom).toMatchObject({ name: 'Custom(1)', value: '' });
    expect(textOf(bare, custom.span)).toBe('<Custom ID="1" >');
    expect(custom.valueSpan).toEqual({ start: custom.span.end, end: custom.span.end });
  });

  it('names a Custom without Name and ID Custom()', () => {
    expect(parse(wrap('<K Location="/"><Custom Value="1"/></K>')).keys[0]!.properties[0]!.name).toBe('Custom()');
  });
});

describe('MetabaseKey: properties by index, built on demand', () => {
  const document = parse(METABASE);
  const service = key(document, '/LM/W3SVC');

  it('names every property without building it, attributes then Custom children', () => {
    const names = Array.from({ length: service.propertyCount }, (_, index) => service.propertyName(index));
    expect(names).toEqual(service.properties.map((p) => p.name));
    expect(names).toEqual(['AccessSSLFlags', 'HttpErrors', 'ServerComment', 'AccessSSLFlags', 'Custom(9202)']);
  });

  it('finds the last property of a name and builds equal objects each time', () => {
    expect(service.lastIndexOf('AccessSSLFlags')).toBe(3);
    expect(service.lastIndexOf('accessSSLFlags')).toBe(-1);
    expect(service.property(1)).toEqual(service.property(1));
    expect(service.property(3)).toBe(service.property(3)); // a Custom is kept as it was read
    expect(service.properties[2]).toEqual(service.property(2));
    expect(() => service.property(service.propertyCount)).toThrow(RangeError);
  });
});

describe('parseMetabase: malformed XML', () => {
  function malformed(text: string): { document: MetabaseDocument; at: Position; text: string; message: string } {
    const document = parse(text);
    expect(document.diagnostics).toHaveLength(1);
    const diagnostic = document.diagnostics[0]!;
    expect(diagnostic.kind).toBe('malformed');
    return { document, at: at(document, diagnostic.span.start), text: textOf(document, diagnostic.span), message: diagnostic.message };
  }

  it('reports a file truncated inside a value at the end of the file, with the keys read so far', () => {
    const truncated = METABASE.slice(0, METABASE.indexOf('AccessSSLRequireCert'));
    const result = malformed(truncated);
    expect(result.document.diagnostics[0]).toMatchObject({ code: 'xml-malformed', span: { start: truncated.length, end: truncated.length } });
    expect(result.message).toBe('unexpected end of file: the value of Value (line 13) is not closed');
    expect(result.document.keys.map((k) => k.location)).toEqual(['/LM/W3SVC']);
    expect(result.document.keys[0]!.properties.map((p) => p.name)).toEqual(['AccessSSLFlags', 'HttpErrors', 'ServerComment']);
  });

  // Issue 15, item 12: what XML 1.0 forbids and a lenient parser lets through.
  it.each([
    ['a raw control character', 'ServerComment="a\u0001b"', 'U+0001 (a control character)', 18],
    ['U+FFFE', 'ServerComment="a\uFFFEb"', 'U+FFFE (a noncharacter)', 18],
    ['U+FFFF', 'ServerComment="a\uFFFFb"', 'U+FFFF (a noncharacter)', 18],
    ['a lone surrogate', 'ServerComment="a\uD800b"', 'U+D800 (half of a surrogate pair)', 18],
  ])('reports %s anywhere, at its place, keeping the keys before it', (_what, attribute, described, column) => {
    const text = wrap(`<IIsWebService Location="/LM/W3SVC"/>\r\n<IIsWebServer Location="/LM/W3SVC/1"\r\n ${attribute}/>`);
    const result = malformed(text);
    expect(result.message).toBe(`the character ${described} is not allowed in XML`);
    expect(result.at).toEqual({ line: 5, column });
    expect(result.text).toHaveLength(1);
    expect(result.document.keys.map((k) => k.location)).toEqual(['/LM/W3SVC']);
  });

  it('reports a forbidden character in a comment, a PI or after the root, and before a later error', () => {
    expect(malformed(wrap('<!-- \u0007 -->')).message).toMatch(/U\+0007/);
    expect(malformed(`${wrap('')}<?pi \u001F?>`).message).toMatch(/U\+001F/);
    expect(malformed(wrap('<K Location="\u0000"></Unclosed>')).message).toMatch(/U\+0000/);
    // An error before the character is the one reported.
    expect(malformed(wrap('<K Location=x>\u0001')).message).toBe('the value of Location must be in quotes');
  });

  it('accepts tab, CR, LF, characters outside the BMP, and a character reference to an allowed one', () => {
    expect(parse(wrap('<K\tLocation="\u{1F310}&#x9;"\r\n/>')).diagnostics).toEqual([]);
  });

  it("reports ']]>' in text, but not in a value, a comment or a CDATA section", () => {
    const result = malformed(wrap('<K Location="/">text ]]> more</K>'));
    expect(result.message).toBe("']]>' is not allowed in text (write ]]&gt;)");
    expect(result.text).toBe(']]>');
    expect(parse(wrap('<K Location="]]>"><!-- ]]> --><![CDATA[ ]] > ]]></K>')).diagnostics).toEqual([]);
  });

  it("reports '--' inside a comment, but not in a suppression directive's comment (CFG006 reports that)", () => {
    const result = malformed(wrap('<!-- changed -- by hand -->'));
    expect(result.message).toBe("'--' is not allowed inside a comment");
    expect(result.text).toBe('--');
    expect(result.at).toEqual({ line: 3, column: 14 });
    expect(malformed(wrap('<!-- ends with a dash --->')).text).toBe('--');
    expect(parse(wrap('<!-- iislint-disable-next-line KSSL001 -- why -->\r\n<K Location="/"/>')).diagnostics).toEqual([]);
    expect(parse(wrap('<!----><!-- - single - dashes - -->')).diagnostics).toEqual([]);
  });

  it('reports a file truncated between elements: the open element is not closed', () => {
    const truncated = METABASE.slice(0, METABASE.indexOf('</IIsWebService>'));
    const result = malformed(truncated);
    expect(result.document.diagnostics[0]!.span).toEqual({ start: truncated.length, end: truncated.length });
    expect(result.message).toBe('unexpected end of file: <IIsWebService> (line 4) is not closed');
    expect(result.document.keys).toHaveLength(1);
    expect(result.document.keys[0]!.properties).toHaveLength(5);
  });

  it('reports a file truncated inside a start tag', () => {
    const result = malformed('<configuration><MBProperty><IIsWebServer Location="/LM/W3SVC/1" ');
    expect(result.at).toEqual({ line: 1, column: 65 });
    expect(result.message).toBe('unexpected end of file: the start tag <IIsWebServer> (line 1) is not closed');
  });

  it('reports a mismatched close tag at its name', () => {
    const result = malformed(wrap('<IIsWebServer Location="/LM/W3SVC/1">\r\n</IIsWebServr>'));
    expect(result.at).toEqual({ line: 4, column: 3 });
    expect(result.text).toBe('IIsWebServr');
    expect(result.message).toBe('</IIsWebServr> does not match <IIsWebServer> (line 3)');
    expect(result.document.keys.map((k) => k.location)).toEqual(['/LM/W3SVC/1']);
  });

  it('reports a close tag with nothing open', () => {
    const result = malformed('<configuration/>\n</configuration>');
    expect(result.message).toBe('</configuration> closes an element that is not open');
    expect(result.at).toEqual({ line: 2, column: 3 });
  });

  it('reports an unquoted attribute value at its first character', () => {
    const result = malformed(wrap('<IIsWebServer Location="/LM/W3SVC/1"\r\n\t\tMaxConnections=1000/>'));
    expect(result.at).toEqual({ line: 4, column: 18 });
    expect(result.message).toBe('the value of MaxConnections must be in quotes');
  });

  it('reports an attribute without =', () => {
    const result = malformed(wrap('<K Location="/" Flag/>'));
    expect(result.at).toEqual({ line: 3, column: 21 });
    expect(result.message).toBe("'=' expected after the attribute name Flag");
  });

  it('reports attributes not separated by white space', () => {
    expect(malformed(wrap('<K Location="/"A="1"/>')).at).toEqual({ line: 3, column: 16 });
  });

  it('reports a duplicate attribute at its second occurrence', () => {
    const result = malformed(wrap('<K Location="/" A="1"\r\n A="2"/>'));
    expect(result.at).toEqual({ line: 4, column: 2 });
    expect(result.text).toBe('A');
  });

  it("reports '&' that is not a reference, and unknown entities, at the '&'", () => {
    const bare = malformed(wrap('<K Location="/" A="a & b"/>'));
    expect(bare.at).toEqual({ line: 3, column: 22 });
    expect(bare.message).toBe("'&' must be written &amp;");
    const unknown = malformed(wrap('<K Location="/" A="&nbsp;"/>'));
    expect(unknown.text).toBe('&nbsp;');
    expect(malformed(wrap('<K Location="/" A="&#0;"/>')).text).toBe('&#0;');
  });

  it("reports '<' inside a value", () => {
    const result = malformed(wrap('<K Location="/" A="a<b"/>'));
    expect(result.at).toEqual({ line: 3, column: 21 });
  });

  it('rejects a DOCTYPE and never expands its entities', () => {
    const result = malformed('<!DOCTYPE configuration [<!ENTITY x "boom">]>\n<configuration><MBProperty><K Location="&x;"/></MBProperty></configuration>');
    expect(result.at).toEqual({ line: 1, column: 1 });
    expect(result.text).toBe('<!DOCTYPE');
    expect(result.document.keys).toEqual([]);
  });

  it('reports text outside the root element', () => {
    expect(malformed('garbage').at).toEqual({ line: 1, column: 1 });
    expect(malformed('garbage').message).toBe('text before the root element');
    expect(malformed('<configuration/>\r\nx').at).toEqual({ line: 2, column: 1 });
  });

  it('reports a second root element', () => {
    expect(malformed('<configuration/><configuration/>').at).toEqual({ line: 1, column: 17 });
  });

  it('reports an empty file as having no root element', () => {
    const result = malformed('');
    expect(result.document.diagnostics[0]!.span).toEqual({ start: 0, end: 0 });
    expect(result.document.rootSpan).toBeUndefined();
  });

  it('reports an unclosed comment at the end of the file', () => {
    const text = '<configuration><!-- never closed';
    expect(parse(text).diagnostics[0]!.span).toEqual({ start: text.length, end: text.length });
  });

  it('reports an XML declaration that is not at the very start', () => {
    expect(malformed('\r\n<?xml version ="1.0"?><configuration/>').at).toEqual({ line: 2, column: 1 });
  });

  it('reports a root that is not <configuration> with its own code', () => {
    const document = parse('<?xml version="1.0"?>\n<configuration2><MBProperty/></configuration2>');
    expect(document.diagnostics).toEqual([
      {
        kind: 'malformed',
        code: 'metabase-root-unexpected',
        message: 'the root element is <configuration2>, not <configuration>: this is not a metabase',
        span: { start: 23, end: 37 },
      },
    ]);
  });

  it('survives nesting 100,000 deep, closed or truncated', () => {
    const depth = 100_000;
    const open = '<configuration><MBProperty><K Location="/">' + '<a>'.repeat(depth);
    const closed = parse(open + '</a>'.repeat(depth) + '</K></MBProperty></configuration>');
    expect(closed.diagnostics).toEqual([]);
    expect(closed.keys[0]!.childElementCount).toBe(1);
    const truncated = parse(open);
    expect(truncated.diagnostics[0]).toMatchObject({ code: 'xml-malformed', span: { start: open.length, end: open.length } });
    expect(truncated.diagnostics[0]!.message).toBe('unexpected end of file: <a> (line 1) is not closed');
  });

  it('reads element names fast-xml-parser refuses or renames (constructor, toString)', () => {
    const document = parse(wrap('<constructor Location="/a" A="1"/>\r\n<toString Location="/b"><Custom ID="6030" Value="AccessSSL"/></toString>'));
    expect(document.diagnostics).toEqual([]);
    expect(document.keys.map((k) => [k.className, k.location, k.properties.map((p) => p.name)])).toEqual([
      ['constructor', '/a', ['A']],
      ['toString', '/b', ['AccessSSLFlags']],
    ]);
  });

  it('accepts comments, PIs, CDATA and text inside elements', () => {
    const document = parse(wrap('<!-- c --><?pi x?><K Location="/"><![CDATA[<x>]]>text &amp; more<!-- <y> --></K>'));
    expect(document.diagnostics).toEqual([]);
    expect(document.keys[0]!.childElementCount).toBe(0);
  });

  it('never throws and keeps every span inside the text on mangled input', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = ['<', '>', '/', '"', "'", '=', '&', '<!--', ']]>', '<?', '</K>', '<K>', '\n', 'x'];
    for (let round = 0; round < 300; round++) {
      let text = METABASE;
      const position = random(text.length);
      const choice = random(3);
      if (choice === 0) text = text.slice(0, position) + text.slice(position + 1 + random(10));
      else if (choice === 1) text = text.slice(0, position) + pieces[random(pieces.length)] + text.slice(position);
      else text = text.slice(0, position);
      const document = parse(text);
      expect(document.diagnostics.length).toBeLessThanOrEqual(1);
      for (const diagnostic of document.diagnostics) {
        expect(diagnostic.span.start).toBeGreaterThanOrEqual(0);
        expect(diagnostic.span.end).toBeLessThanOrEqual(text.length);
        expect(diagnostic.span.start).toBeLessThanOrEqual(diagnostic.span.end);
      }
    }
  });
});

describe.skipIf(!existsSync(corpusDir))('parseMetabase: corpus', () => {
  const load = (name: string) => parseMetabase(decodeBytes(name, readFileSync(path.join(corpusDir, name))));

  it('loads both real metabases without diagnostics', () => {
    for (const name of ['modsic-metabase.xml', 'modsic-metabase-incomplete-custom.xml']) {
      const document = load(name);
      expect(document.diagnostics).toEqual([]);
      expect(document.keys).toHaveLength(57);
      expect(document.xmlns).toBeUndefined();
      expect(textOf(document, document.rootSpan!)).toBe('configuration');
    }
  });

  it('reads AccessSSLFlags="AccessSSL" on /LM/W3SVC/1/ROOT at line 779', () => {
    const document = load('modsic-metabase.xml');
    const flags = property(key(document, '/LM/W3SVC/1/ROOT'), 'AccessSSLFlags');
    expect(flags.value).toBe('AccessSSL');
    expect(at(document, flags.span.start)).toEqual({ line: 779, column: 3 });
    expect(at(document, flags.valueSpan.start)).toEqual({ line: 779, column: 19 });
    expect(decodeFlags('AccessSSLFlags', flags.value)).toMatchObject({ form: 'symbolic', bits: 8, unknownTokens: [] });
  });

  it('has an IIsCertMapper key with no properties and no mapping children', () => {
    const mapper = key(load('modsic-metabase.xml'), '/LM/W3SVC/1/IIsCertMapper');
    expect(mapper).toMatchObject({ className: 'IIsCertMapper', properties: [], childElementCount: 0 });
  });

  it('reads the Custom elements, including the one without Name and Type', () => {
    const complete = load('modsic-metabase.xml');
    const customs = complete.keys.flatMap((k) => k.properties.filter((p) => p.origin === 'custom'));
    expect(customs.length).toBeGreaterThanOrEqual(5);
    expect(property(key(complete, '/LM/IISADMIN/EXTENSIONS/DCOMCLSIDS'), 'MD_IISADMIN_EXTENSIONS')).toMatchObject({
      id: 1028,
      origin: 'custom',
      value: '{61738644-F196-11D0-9953-00C04FD919C1}',
      customType: 'MULTISZ',
    });
    expect(property(key(complete, '/LM/W3SVC'), 'UnknownName_9202')).toMatchObject({ id: 9202, customType: 'DWORD' });

    const incomplete = load('modsic-metabase-incomplete-custom.xml');
    const nameless = property(key(incomplete, '/LM/W3SVC'), 'Custom(9202)');
    expect(nameless).toMatchObject({ id: 9202, value: '4294967295', customName: '', customAttributes: 'NO_ATTRIBUTES' });
    expect(nameless.customType).toBeUndefined();
    expect(at(incomplete, nameless.valueSpan.start)).toEqual({ line: 749, column: 10 });
  });

  it('reads the multi-line Custom value of PROPERTYREGISTRATION', () => {
    const document = load('modsic-metabase.xml');
    const registration = property(key(document, '/LM/IISADMIN/PROPERTYREGISTRATION'), 'MD_METADATA_ID_REGISTRATION');
    // This file has LF line ends: the value keeps them as written.
    expect(registration.value).toBe('0-65535;Microsoft Reserved\n\t\t\t65536-524288;Microsoft IIS Admin Objects Reserved');
    expect(registration.customAttributes).toBe('INHERIT');
  });
});

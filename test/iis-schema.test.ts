/**
 * The project's IIS schema table against the schema files IIS installs (../shared/reference/iis-schema,
 * never copied into the repository): regenerating it from them must give the committed table, and
 * it covers every section a rule reads and every section the corpus sets.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadServer } from '../src/engine/load.js';
import { generatedSections } from '../src/model/iis-schema-data.js';
import { sectionSchema } from '../src/model/iis-schema.js';
import { corpusDir, corpusFiles, hasCorpus, iisSchemaReferenceDir as referenceDir } from './support/corpus.js';
import { repoRoot } from './support/fixtures.js';

const hasReference = existsSync(path.join(referenceDir, 'IIS_schema.xml'));

describe.skipIf(!hasReference)('schema table vs the IIS schema files (../shared/reference/iis-schema)', () => {
  it('is exactly what scripts/generate-iis-schema.mjs reads from them', async () => {
    const generator = (await import(path.join(repoRoot, 'scripts', 'generate-iis-schema.mjs'))) as { readSchemaFolder(folder: string): unknown[] };
    expect(JSON.parse(JSON.stringify(generatedSections()))).toEqual(generator.readSchemaFolder(referenceDir));
  });

  it('spot checks against the raw files: keys, defaults, flags', () => {
    const iis = readFileSync(path.join(referenceDir, 'IIS_schema.xml'), 'utf8');
    expect(iis).toMatch(/<collection addElement="mimeMap"[^>]*>\s*<attribute name="fileExtension" type="string" required="true" isUniqueKey="true" \/>/);
    const mimeMap = sectionSchema('system.webServer/staticContent')!.collection!;
    expect(mimeMap.add).toEqual(['mimeMap']);
    expect(mimeMap.item.attributes!.find((attribute) => attribute.name === 'fileExtension')!.key).toBe('unique');
    const sslFlags = sectionSchema('system.webServer/security/access')!.attributes!.find((attribute) => attribute.name === 'sslFlags')!;
    // No MapCert flag in IIS 7+ (DOMAIN.md §3).
    expect(sslFlags.values).toEqual([['None', 0], ['Ssl', 8], ['SslNegotiateCert', 32], ['SslRequireCert', 64], ['Ssl128', 256]]);
  });
});

describe('schema table', () => {
  it('covers every section the IIS rules and the WEB rules to come read', () => {
    for (const name of [
      'system.applicationHost/sites',
      'system.applicationHost/applicationPools',
      'system.webServer/staticContent',
      'system.webServer/directoryBrowse',
      'system.webServer/httpErrors',
      'system.webServer/security/access',
      'system.webServer/security/requestFiltering',
      'system.webServer/security/isapiCgiRestriction',
      'system.webServer/handlers',
      'system.web/compilation',
      'system.web/customErrors',
      'system.web/httpCookies',
      'system.web/machineKey',
      'system.webServer/rewrite/rules',
    ]) {
      expect(sectionSchema(name), name).toBeDefined();
    }
  });

  it('adds what came after the schema files, cited: site/hsts and requestFiltering@removeServerHeader', () => {
    const site = sectionSchema('system.applicationHost/sites')!.collection!.item;
    const hsts = site.elements!.find((element) => element.name === 'hsts')!;
    expect(hsts.attributes!.map((attribute) => attribute.name)).toEqual(['enabled', 'max-age', 'includeSubDomains', 'preload', 'redirectHttpToHttps']);
    expect(hsts.source).toMatch(/Microsoft Learn/);
    const removeServerHeader = sectionSchema('system.webServer/security/requestFiltering')!.attributes!.find((attribute) => attribute.name === 'removeServerHeader')!;
    expect(removeServerHeader).toMatchObject({ type: 'bool', defaultValue: 'false' });
    expect(removeServerHeader.source).toMatch(/1709/);
  });

  it.skipIf(!hasCorpus)('has a schema for every IIS-validated section the corpus sets (../shared/corpus)', () => {
    const missing = new Set<string>();
    for (const folder of ['apphost', 'webconfig']) {
      for (const name of corpusFiles(folder).filter((candidate) => /\.config$/i.test(candidate))) {
        const server = loadServer('corpus', [{ path: name, bytes: readFileSync(path.join(corpusDir, folder, name)) }], undefined);
        for (const occurrence of server.iis!.occurrences) {
          if (occurrence.file.synthetic) continue;
          if (/^system\.(webServer|applicationHost|ftpServer)\//.test(occurrence.name) && !sectionSchema(occurrence.name)) missing.add(occurrence.name);
        }
      }
    }
    // Sections of out-of-band modules whose schema file is not in the reference, declared by those servers' own
    // applicationHost.config: Advanced Logging, Application Request Routing (diskCache, proxy), ASP.NET Core Module ...
    const outOfBand = /^system\.(applicationHost\/advancedLogging|webServer\/(aspNetCore|httpPlatform|advancedLogging|diskCache|proxy|webFarms|iisnode))/;
    expect([...missing].filter((name) => !outOfBand.test(name))).toEqual([]);
  });
});

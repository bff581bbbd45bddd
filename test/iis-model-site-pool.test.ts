import { describe, expect, it } from 'vitest';
import { appHost, APPHOST_PATH, file, server } from './support/iis.js';

const sites = `
      <siteDefaults><logFile directory="D:\\logs" /></siteDefaults>
      <site name="A" id="1"><logFile directory="E:\\a" /><application path="/" applicationPool="P"><virtualDirectory path="/" physicalPath="D:\\a" /></application></site>
      <site name="B" id="2"><application path="/"><virtualDirectory path="/" physicalPath="D:\\b" /></application></site>`;

describe('IisConfigModel site and pool attributes', () => {
  const model = server([file(APPHOST_PATH, appHost({ sites }).replace('<add name="DefaultAppPool" />', '<applicationPoolDefaults><processModel identityType="NetworkService" /></applicationPoolDefaults><add name="P"><processModel identityType="LocalSystem" /></add><add name="Q" />'))]).iis!;
  const [a, b] = model.sites;

  it('a site reads its own element, then siteDefaults, then the schema', () => {
    expect(model.siteAttribute(a!, ['logFile'], 'directory')?.value).toBe('E:\\a');
    expect(model.siteAttribute(b!, ['logFile'], 'directory')).toMatchObject({ value: 'D:\\logs', provenance: { kind: 'file', attributeName: 'directory' } });
    expect(model.siteAttribute(b!, ['ftpServer', 'security', 'ssl'], 'controlChannelPolicy')).toEqual({ value: 'SslRequire', provenance: { kind: 'schema-default' } });
  });

  it('a pool reads its own add, then applicationPoolDefaults, then the schema', () => {
    const [p, q] = model.applicationPools;
    expect(model.poolAttribute(p!, ['processModel'], 'identityType')?.value).toBe('LocalSystem');
    expect(model.poolAttribute(q!, ['processModel'], 'identityType')?.value).toBe('NetworkService');
    expect(model.poolAttribute(q!, [], 'managedPipelineMode')).toEqual({ value: 'Integrated', provenance: { kind: 'schema-default' } });
  });
});

import { describe, expect, it } from 'vitest';
import { invalidValueReason, sectionSchema, schemaAttribute } from '../../src/model/iis-schema.js';
import { IIS005 } from '../../src/rules/IIS005.js';
import { at, file, lintWith, webConfig } from '../support/iis.js';

const lint = (body: string) => lintWith(IIS005, [file('site/web.config', webConfig(body))]);
const attribute = (section: string, name: string) => schemaAttribute(sectionSchema(section)!, name)!;

describe('IIS005 invalid-value', () => {
  describe('valid', () => {
    it.each([
      ['bool in any case', '<system.webServer><directoryBrowse enabled="TRUE" /></system.webServer>'],
      ['flags with spaces and mixed case', '<system.webServer><directoryBrowse showFlags="date, Time,SIZE" /></system.webServer>'],
      ['an enum by number', '<system.webServer><httpErrors errorMode="2" /></system.webServer>'],
      ['a uint', '<system.webServer><security><requestFiltering><requestLimits maxAllowedContentLength="4294967295" /></requestFiltering></security></system.webServer>'],
      ['a time span', '<system.webServer><staticContent><clientCache cacheControlMaxAge="7.00:00:00" /></staticContent></system.webServer>'],
    ])('%s', (_name, body) => {
      expect(lint(body)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it.each([
      ['enabled="yes"', '<system.webServer><directoryBrowse enabled="yes" /></system.webServer>', '"yes" is not a bool (true or false)'],
      ['30MB', '<system.webServer><security><requestFiltering><requestLimits maxAllowedContentLength="30MB" /></requestFiltering></security></system.webServer>', '"30MB" is not a whole number (uint)'],
      ['a uint out of range', '<system.webServer><security><requestFiltering><requestLimits maxAllowedContentLength="4294967296" /></requestFiltering></security></system.webServer>', 'outside the uint range'],
      ['an unknown enum name', '<system.webServer><httpErrors errorMode="Details" /></system.webServer>', '"Details" is not one of DetailedLocalOnly, Custom, Detailed'],
      ['an unknown flag', '<system.webServer><directoryBrowse showFlags="Date, Owner" /></system.webServer>', '"Owner" is not a flag of'],
      ['a bad time span', '<system.webServer><staticContent><clientCache cacheControlMaxAge="7 days" /></staticContent></system.webServer>', 'is not a time span'],
    ])('%s', (_name, body, reason) => {
      const findings = lint(body);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toContain(reason);
      expect(findings[0]!.message).toContain('0x8007000d');
    });

    it('points at the value', () => {
      expect(lint('<system.webServer><directoryBrowse enabled="yes" /></system.webServer>').map(at)).toEqual([[3, 45, 3, 48]]);
    });
  });

  describe('schema checks', () => {
    it('access@sslFlags accepts the documented flag names and rejects others', () => {
      const sslFlags = attribute('system.webServer/security/access', 'sslFlags');
      expect(invalidValueReason(sslFlags, 'Ssl, SslNegotiateCert, Ssl128')).toBeUndefined();
      expect(invalidValueReason(sslFlags, 'Ssl, MapCert')).toContain('"MapCert" is not a flag');
    });

    it('integerRange with exclude refuses the range (sites limits@maxBandwidth 0-1023)', () => {
      const site = sectionSchema('system.applicationHost/sites')!.collection!.item;
      const limits = site.elements!.find((element) => element.name === 'limits')!;
      const maxBandwidth = schemaAttribute(limits, 'maxBandwidth')!;
      expect(invalidValueReason(maxBandwidth, '4294967295')).toBeUndefined();
      expect(invalidValueReason(maxBandwidth, '100')).toContain('excluded range 0-1023');
    });
  });
});

import { it } from 'vitest';
import { IIS002 } from '../src/rules/IIS002.js';
import { file, lintWith, webConfig } from './support/iis.js';
it('p', () => {
  const entry = '<mimeMap fileExtension=".x" mimeType="x/x" />';
  for (const f of lintWith(IIS002, [file('server/inetpub/wwwroot/web.config', webConfig(`<system.webServer>\n<staticContent>\n${entry}\n  ${entry}\n</staticContent>\n</system.webServer>`))])) console.log(f.region, f.message, f.level);
});

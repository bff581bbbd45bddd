/** Discovery of IIS 7+ servers: the server folder spans its sites' folders. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverServers } from '../src/engine/discover.js';

const APPHOST = '<?xml version="1.0"?>\n<configuration>\n<system.applicationHost><sites /></system.applicationHost>\n</configuration>\n';
const WEB = '<configuration><system.webServer /></configuration>\n';
let root: string;

function tree(files: Record<string, string>): string {
  root = mkdtempSync(path.join(tmpdir(), 'iislint-iis-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}

function groups(files: Record<string, string>): [string, string[]][] {
  const cwd = tree(files);
  return discoverServers(['.'], { cwd }).map((group) => [group.name, group.files.map((file) => file.displayPath.replaceAll('\\', '/'))]);
}

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('IIS server folders', () => {
  it('applicationHost.config under inetsrv/config: the folder above holds the server, with every web.config below it', () => {
    expect(
      groups({
        'web01/inetsrv/config/applicationHost.config': APPHOST,
        'web01/inetsrv/config/redirection.config': '<configuration />',
        'web01/inetpub/wwwroot/web.config': WEB,
        'web01/inetpub/wwwroot/Views/Web.config': WEB,
        'web01/inetpub/wwwroot/readme.txt': 'x',
        'web02/schannel.reg': 'Windows Registry Editor Version 5.00\n',
      }),
    ).toEqual([
      ['web01', ['web01/inetpub/wwwroot/Views/Web.config', 'web01/inetpub/wwwroot/web.config', 'web01/inetsrv/config/applicationHost.config', 'web01/inetsrv/config/redirection.config']],
      ['web01/inetpub/wwwroot', ['web01/inetpub/wwwroot/readme.txt']],
      ['web02', ['web02/schannel.reg']],
    ]);
  });

  it('an applicationHost.config found by content at the top of a folder', () => {
    expect(groups({ 'srv/apphost-backup.config': APPHOST, 'srv/site/web.config': WEB })).toEqual([['srv', ['srv/apphost-backup.config', 'srv/site/web.config']]]);
  });

  it('an applicationHost.config found by content after a long leading comment (no fixed-size prefix decides)', () => {
    const padded = `<?xml version="1.0"?>\n<!-- ${'x'.repeat(70 * 1024)} -->\n${APPHOST.slice(APPHOST.indexOf('<configuration>'))}`;
    expect(groups({ 'srv/apphost-backup.config': padded, 'srv/site/web.config': WEB })).toEqual([['srv', ['srv/apphost-backup.config', 'srv/site/web.config']]]);
  });

  it('files named one by one (a shell-expanded glob) join the server folder of their applicationHost.config', () => {
    const cwd = tree({ 'web01/inetsrv/config/applicationHost.config': APPHOST, 'web01/inetpub/wwwroot/web.config': WEB, 'web01/inetpub/wwwroot/Views/web.config': WEB });
    const named = discoverServers(['web01/inetsrv/config/applicationHost.config', 'web01/inetpub/wwwroot/web.config'], { cwd });
    expect(named.map((group) => [group.name, group.files.map((file) => file.displayPath.replaceAll('\\', '/'))])).toEqual([
      ['web01', ['web01/inetpub/wwwroot/web.config', 'web01/inetsrv/config/applicationHost.config']],
    ]);
  });

  it('without applicationHost.config: a web.config tree is one server at its topmost file', () => {
    expect(groups({ 'repo/src/App/web.config': WEB, 'repo/src/App/Views/web.config': WEB, 'repo/src/App/App.config': '<configuration />', 'other/web.config': WEB })).toEqual([
      ['other', ['other/web.config']],
      ['repo/src/App', ['repo/src/App/App.config', 'repo/src/App/Views/web.config', 'repo/src/App/web.config']],
    ]);
  });
});

describe('--verbose', () => {
  it('shows each web.config mapping and why other .config files are skipped', async () => {
    const { runCli } = await import('./support/cli.js');
    const cwd = tree({
      'web01/inetsrv/config/applicationHost.config':
        '<configuration><configSections><sectionGroup name="system.applicationHost"><section name="sites" /></sectionGroup></configSections><system.applicationHost><sites><site name="Default Web Site" id="1"><application path="/"><virtualDirectory path="/" physicalPath="%SystemDrive%\\inetpub\\wwwroot" /></application></site></sites></system.applicationHost></configuration>',
      'web01/inetpub/wwwroot/web.config': WEB,
      'web01/inetpub/wwwroot/Web.Release.config': '<configuration xmlns:xdt="x"><system.web xdt:Transform="RemoveAttributes(debug)" /></configuration>',
      'web01/inetpub/wwwroot/bin/App.config': '<configuration><startup /></configuration>',
    });
    const result = await runCli(['--no-config', '--verbose', 'web01'], { cwd });
    const stderr = result.stderr.replaceAll('\\', '/');
    expect(stderr).toContain('read web01/inetpub/wwwroot/web.config as IIS 7+ configuration (server web01): applies to MACHINE/WEBROOT/APPHOST/Default Web Site');
    expect(stderr).toContain('skipped web01/inetpub/wwwroot/Web.Release.config: a web.config transform (xdt:Transform)');
    expect(stderr).toContain('skipped web01/inetpub/wwwroot/bin/App.config: a .config file that is not a web.config');
  });
});

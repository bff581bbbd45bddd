/**
 * Issue 15, item 14: a metabase dense with attributes used 35–46× its size in memory, so the
 * --max-file-size default did not bound memory. Attributes are now offsets in flat arrays.
 * Issue 16: a file's bytes stayed alive beside its decoded text to the end of a run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runBuiltCli } from './support/built-cli.js';

const MiB = 1024 * 1024;
let root: string;

beforeAll(() => {
  ensureBuilt();
  root = mkdtempSync(path.join(tmpdir(), 'iislint-memory-'));
}, 300_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('memory of a metabase dense with attributes', () => {
  it('one million attributes (8 MB): peak memory a small multiple of the file, not 30×', () => {
    const attributes = Array.from({ length: 100 }, (_, index) => ` P${index}="${index % 10}"`).join('');
    const keys = Array.from({ length: 10_000 }, (_, index) => `<IIsWebDirectory Location="/LM/W3SVC/1/ROOT/d${index}"${attributes}/>\r\n`);
    const text = `<?xml version ="1.0"?>\r\n<configuration>\r\n<MBProperty>\r\n${keys.join('')}</MBProperty>\r\n</configuration>\r\n`;
    mkdirSync(path.join(root, 'dense'));
    writeFileSync(path.join(root, 'dense/MetaBase.xml'), text);
    const result = runBuiltCli(['dense', '--no-config', '--format', 'json', '--concurrency', '1'], { cwd: root, timeoutMs: 120_000 });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    // Node itself is about 45 MB; before flat storage this file took about 270 MB.
    expect(result.peakRss).toBeLessThan(64 * MiB + 12 * text.length);
  });
});

describe('memory of a large metabase', () => {
  it("a file's bytes are freed once decoded: peak memory is text and model, not bytes besides", () => {
    // 20,000 sites (11 MB) as the bench generates them: the model and the lint, built after
    // decoding, make the peak. Holding the bytes to the end measured 11.1-11.2x the file; freeing
    // them, 10.1x (Node's own 45 MB weigh more on a file this size than on the bench's 30 MB).
    const sites = Array.from({ length: 20_000 }, (_, index) => siteKeys(index + 1));
    const text = `<?xml version ="1.0"?>\r\n<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">\r\n<MBProperty>\r\n<IIsWebService\tLocation ="/LM/W3SVC"\r\n\t\tAuthFlags="AuthAnonymous | AuthNTLM"\r\n\t>\r\n</IIsWebService>\r\n${sites.join('')}</MBProperty>\r\n</configuration>\r\n`;
    mkdirSync(path.join(root, 'sites'));
    writeFileSync(path.join(root, 'sites/MetaBase.xml'), text);
    const result = runBuiltCli(['sites', '--no-config', '--format', 'sarif', '--concurrency', '1'], { cwd: root, timeoutMs: 120_000 });
    expect(result.stderr).not.toContain('internal error');
    expect(result.peakRss / text.length).toBeLessThan(10.6);
  });
});

function siteKeys(n: number): string {
  return (
    `<IIsWebServer\tLocation ="/LM/W3SVC/${100_000 + n}"\r\n\t\tAppPoolId="Pool${n}"\r\n\t\tServerAutoStart="TRUE"\r\n` +
    `\t\tServerBindings=":80:www${n}.customer${n}.example.com"\r\n\t\tServerComment="Customer site ${n}"\r\n\t>\r\n</IIsWebServer>\r\n` +
    `<IIsWebVirtualDir\tLocation ="/LM/W3SVC/${100_000 + n}/ROOT"\r\n\t\tAccessFlags="AccessRead | AccessScript"\r\n` +
    `\t\tAppFriendlyName="Default Application"\r\n\t\tAppIsolated="2"\r\n\t\tAppRoot="/LM/W3SVC/${100_000 + n}/ROOT"\r\n` +
    `\t\tDefaultDoc="Default.htm,Default.asp,index.htm,Default.aspx,iisstart.htm"\r\n` +
    `\t\tPath="D:\\Sites\\www${n}.customer${n}.example.com\\wwwroot"\r\n\t>\r\n</IIsWebVirtualDir>\r\n`
  );
}

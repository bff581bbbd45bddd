// A local npm registry for tests of "install iislint@<version> from npm" while iislint is not
// published: it serves one packed tarball as iislint@<its version> and passes every other
// request through to the npm registry. Run as a child process (the test's steps block on
// spawnSync): node local-registry.mjs TARBALL PACKAGE_JSON; prints the registry URL, then serves
// until killed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [tarballFile, packageJsonFile] = process.argv.slice(2);
const tarball = readFileSync(tarballFile);
const manifest = JSON.parse(readFileSync(packageJsonFile, 'utf8'));
const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
const upstream = 'https://registry.npmjs.org';

const server = createServer(async (request, response) => {
  const base = `http://127.0.0.1:${server.address().port}`;
  const tarballPath = `/iislint/-/iislint-${manifest.version}.tgz`;
  try {
    if (request.url === '/iislint') {
      const version = { ...manifest, dist: { tarball: `${base}${tarballPath}`, integrity } };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ name: 'iislint', 'dist-tags': { latest: manifest.version }, versions: { [manifest.version]: version } }));
    } else if (request.url === tarballPath) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(tarball);
    } else {
      const answer = await fetch(`${upstream}${request.url}`, { headers: { accept: request.headers.accept ?? 'application/json' } });
      response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/octet-stream' });
      response.end(Buffer.from(await answer.arrayBuffer()));
    }
  } catch (error) {
    response.writeHead(502);
    response.end(String(error));
  }
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}/`));

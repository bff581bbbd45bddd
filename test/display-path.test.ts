import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath, displayPathsFrom, joinEntry } from '../src/engine/display-path.js';

describe('display paths', () => {
  const cwds = ['/', '/work', '/work/project', '/work/project/', '/work/./project'];
  const targets = ['/', '/work', '/work/project', '/work/project/a', '/work/project/a/b.reg', '/work/project/..foo', '/work/projectX/a', '/work/other', '/tmp/fleet/web001/MetaBase.xml'];

  it.each(cwds)('the per-file form gives displayPath for every normalized path (cwd %s)', (cwd) => {
    const show = displayPathsFrom(cwd);
    for (const target of targets) expect(show(target)).toBe(displayPath(target, cwd));
  });

  it('joins an entry name to a directory as path.join does', () => {
    for (const directory of ['/', '/work', '/work/project']) {
      for (const name of ['a', 'b.reg', '..foo', '.hidden']) expect(joinEntry(directory, name)).toBe(path.join(directory, name));
    }
  });
});

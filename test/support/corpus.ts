/**
 * The shared real-world corpus (../shared/corpus beside the repository). A clone on a user's
 * machine has none, so every test that reads it must skip visibly; IISLINT_CORPUS_DIR points
 * elsewhere (CI sets it to a missing folder once, to prove the suite passes without it).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Ends with a separator, so `${corpusDir}reg/x.reg` and path.join both work. */
export const corpusDir = `${path.resolve(process.env['IISLINT_CORPUS_DIR'] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus'))}${path.sep}`;
export const hasCorpus = existsSync(corpusDir);

/** File names in one corpus folder (`reg`, `metabase`, `apphost`); empty when the corpus is absent. */
export function corpusFiles(folder: string): string[] {
  const dir = path.join(corpusDir, folder);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/**
 * The shared folder beside the repository (../shared): the real-world corpus and the IIS schema
 * reference. A clone on a user's machine has none, so every test that reads it must skip
 * visibly, and must find it through this module: CI runs the tests that import it
 * (`vitest related`) once more with IISLINT_SHARED_DIR pointing at a missing folder, to prove
 * the suite passes without it (test/layering.test.ts keeps other paths to it out of the tests).
 * IISLINT_CORPUS_DIR moves the corpus alone.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const sharedDir = path.resolve(process.env['IISLINT_SHARED_DIR'] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../shared'));

/** Ends with a separator, so `${corpusDir}reg/x.reg` and path.join both work. */
export const corpusDir = `${path.resolve(process.env['IISLINT_CORPUS_DIR'] ?? path.join(sharedDir, 'corpus'))}${path.sep}`;
export const hasCorpus = existsSync(corpusDir);

/** The schema files IIS installs (IIS_schema.xml and the others), never copied into the repository. */
export const iisSchemaReferenceDir = path.join(sharedDir, 'reference', 'iis-schema');

/** File names in one corpus folder (`reg`, `metabase`, `apphost`); empty when the corpus is absent. */
export function corpusFiles(folder: string): string[] {
  const dir = path.join(corpusDir, folder);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/**
 * Which folder is a file's server: the files of one server folder are linted together (a
 * metabase with its SChannel and http.sys exports), whether the folder was searched or the files
 * were named one by one (a shell-expanded glob must not make each file a server of its own: the
 * findings would change).
 *
 * For IIS 6 MetaBase.xml and .reg exports the server folder is the file's own folder. This is the
 * one place to teach another layout (IIS 7+: the folder holding applicationHost.config, with the
 * .reg files at its top, is the server of the files below it).
 */
import path from 'node:path';

export function serverFolderOf(absoluteFile: string): string {
  return path.dirname(absoluteFile);
}

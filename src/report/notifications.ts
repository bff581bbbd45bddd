/** What the tool says about a run's files (skipped, unreadable): one wording for the CLI and the API. */
import type { LintRun } from '../engine/run.js';
import type { ToolNotification } from './types.js';

export function fileNotifications(run: Pick<LintRun, 'files' | 'unreadable'>): ToolNotification[] {
  const notifications: ToolNotification[] = [];
  for (const file of run.files) {
    if (file.kind === 'skipped') notifications.push({ level: 'note', message: `Skipped: ${file.skipReason}.`, path: file.path });
  }
  for (const unreadable of run.unreadable) {
    notifications.push({ level: 'error', message: `Cannot read the file: ${unreadable.reason}.`, path: unreadable.path });
  }
  return notifications;
}

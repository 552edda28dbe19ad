/** The deadline calendar: its own module, so that only the deadlines handler bundles iCalendar. */
import { deadlinesCalendar } from '#shared/views/deadlines-calendar.ts';
import type { AppDeps } from './deps.ts';

/** Open deadlines as an iCalendar feed. */
export async function deadlinesFeed(deps: AppDeps): Promise<string> {
  return deadlinesCalendar(
    await deps.store.listDeadlines(),
    deps.apiBaseUrl,
    deps.clock.now(),
    deps.language,
  );
}

// Secret calendar URLs under the party's partition: `PARTY#<party>` / `CALENDAR#<id>`. The item
// holds a hash of the secret, never the secret.
import type { CalendarRecord } from '#shared/ports/integrations.ts';
import { queryPartition, type StoreContext } from './context.ts';
import { recordOf } from './items.ts';
import { calendarKey, partyPk, SK } from './keys.ts';
import { writeOne } from './request-writes.ts';
import { deleteExisting } from './subscriptions.ts';

export async function putCalendar(ctx: StoreContext, calendar: CalendarRecord): Promise<void> {
  await writeOne(
    ctx,
    {
      Put: {
        Item: { ...calendarKey(calendar.party, calendar.id), ...calendar },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    calendar.id,
  );
}

export async function listCalendars(ctx: StoreContext, party: string): Promise<CalendarRecord[]> {
  const items = await queryPartition(ctx, partyPk(party), { prefix: SK.calendar, consistent: true });
  return items
    .map((item) => recordOf<CalendarRecord>(item))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export function deleteCalendar(ctx: StoreContext, party: string, id: string): Promise<boolean> {
  return deleteExisting(ctx, calendarKey(party, id));
}

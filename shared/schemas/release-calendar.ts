/** The release calendar (DESIGN 2.4): each standard's versions with their agreed implementation dates. */
import * as z from 'zod';
import { RELEASE_VERSION } from '#shared/covenant/release-calendar.ts';
import { CalendarDate, Instant, PartyId, ProposalId, Standard } from './common.ts';

export const ReleaseVersion = z
  .string()
  .regex(RELEASE_VERSION, 'must be a version such as 3.3 or 3.3.1')
  .meta({ id: 'ReleaseVersion', description: 'A version of a standard.', example: '3.3' });

export const ReleaseCalendarQuery = z.strictObject({
  standard: Standard.optional().meta({ description: 'Only this standard’s calendar.' }),
});

export const RecordReleaseBody = z
  .strictObject({
    standard: Standard,
    version: ReleaseVersion,
    implementationDate: CalendarDate.meta({
      description: 'The agreed implementation date (implementatiedatum).',
      example: '2027-07-01',
    }),
    strategyDue: CalendarDate.meta({
      description:
        'The deadline of the implementation strategy: from one calendar month before the implementation ' +
        'date up to that date (art. 7.4).',
      example: '2027-06-01',
    }),
  })
  .meta({
    id: 'RecordReleaseRequest',
    description:
      'ZIN records an implementation date agreed before this system existed; a version is recorded once.',
  });

export const ReleaseCalendarEntry = z
  .object({
    standard: Standard,
    version: ReleaseVersion,
    implementationDate: CalendarDate,
    strategyDue: CalendarDate,
    blackoutFrom: CalendarDate.meta({
      description:
        'From this day up to and including the implementation date no objection to implementing a new ' +
        'version of the standard is possible (art. 7.4).',
    }),
    source: z.enum(['decision', 'recorded']).meta({
      description:
        '`decision`: a decision in force set the date; `recorded`: ZIN recorded an earlier agreement.',
    }),
    proposalId: ProposalId.optional().meta({ description: 'The proposal whose decision set the date.' }),
    recordedBy: PartyId.optional(),
    recordedAt: Instant,
  })
  .meta({ id: 'ReleaseCalendarEntry' });

export const ReleaseCalendar = z
  .object({ entries: z.array(ReleaseCalendarEntry) })
  .meta({ id: 'ReleaseCalendar', description: 'By implementation date, then standard, then version.' });

export type ReleaseCalendarEntryBody = z.infer<typeof ReleaseCalendarEntry>;

import { describe, expect, it } from 'vitest';
import type { FeedEntry } from '#shared/ports/integrations.ts';
import { CloudEvent as CloudEventSchema } from '#shared/schemas/integrations.ts';
import { cloudEventOfEntry, positionOf } from '#shared/usecases/events.ts';

const API = 'https://api.example';
const at = '2027-02-17T10:15:00.250Z';
const ballot = (recordedBy?: string): FeedEntry => ({
  position: `${at}#p-1-CAK#0000000001`,
  event: {
    feed: 'ballot',
    proposalId: 'p-1',
    round: 1,
    party: 'CAK',
    at,
    ...(recordedBy ? { recordedBy } : {}),
  },
});

describe('shared/views/cloudevents ballots (issue 18, item 1)', () => {
  it('announces a cast ballot as `ballot-cast` on the proposal: whose and in which vote, never which way', () => {
    const event = cloudEventOfEntry(ballot(), API);
    expect(event).toEqual({
      specversion: '1.0',
      id: `p-1.ballot.1.CAK.${Date.parse(at)}`,
      source: `${API}/proposals`,
      type: 'nl.zorginstituut.istandaarden.besluitvorming.ballot-cast',
      subject: 'p-1',
      time: at,
      datacontenttype: 'application/json',
      dataref: `${API}/proposals/p-1`,
      sequence: expect.any(String),
      data: { proposalId: 'p-1', round: 1, party: 'CAK', by: { party: 'CAK' } },
    });
    expect(JSON.stringify(event)).not.toMatch(/for|against|abstain/);
    // The API's own schema of a CloudEvent accepts it (the feed's responses are validated by it).
    expect(CloudEventSchema.safeParse(event).success).toBe(true);
  });

  it('names the chair as the one who gave a ballot recorded in the room (DESIGN 2.2.5)', () => {
    expect(cloudEventOfEntry(ballot('ZIN'), API).data).toMatchObject({ party: 'CAK', by: { party: 'ZIN' } });
  });

  it('hands out a cursor that GET /events?after= takes back', () => {
    const { sequence } = cloudEventOfEntry(ballot(), API);
    expect(positionOf(sequence)).toBe(`${at}#p-1-CAK#0000000001`);
  });
});

import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgendaItem } from '../../../web/src/features/meetings/AgendaItem.tsx';
import { renderAs, stubApi } from './render.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('AgendaItem', () => {
  it('leaves "close meeting" to the meeting screen, which shows it once for all its items', async () => {
    // GIVEN a decided item whose actions include closing its meeting (the objection window)
    stubApi(() => ({
      status: 200,
      body: {
        id: 'p-1',
        title: 'Release iWmo 3.3',
        phase: 'decided',
        meetingId: 'm-1',
        objections: [],
        deadlines: [],
        actions: ['close-meeting', 'object'],
      },
    }));
    // WHEN the secretariat sees it on the meeting's agenda
    renderAs('ZIN', <AgendaItem proposalId="p-1" title="Release iWmo 3.3" />);
    // THEN its other actions have their forms, and closing the meeting is not among them
    await screen.findByRole('heading', { name: 'Bezwaar maken' });
    expect(screen.queryByRole('heading', { name: 'Vergadering sluiten' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Vergadering sluiten' })).toBeNull();
  });
});

import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '../../../web/src/api/index.ts';
import { DeadlinesPage } from '../../../web/src/features/deadlines/DeadlinesPage.tsx';
import { Attendance } from '../../../web/src/features/meetings/Attendance.tsx';
import { NewProposalPage } from '../../../web/src/features/proposals/NewProposalPage.tsx';
import { renderAs, stubApi } from './render.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('tabling an agenda item', () => {
  it('sends the title, description, standards and kind, and opens the new proposal', async () => {
    const requests = stubApi(() => ({ status: 201, body: { id: 'p-9', title: 'Release iJw 3.3' } }));
    renderAs(
      'VNG',
      <MemoryRouter initialEntries={['/proposals/new']}>
        <Routes>
          <Route path="/proposals/new" element={<NewProposalPage />} />
          <Route path="/proposals/:id" element={<p>opened</p>} />
        </Routes>
      </MemoryRouter>,
    );
    await userEvent.type(screen.getByLabelText('Titel'), 'Release iJw 3.3');
    await userEvent.type(screen.getByLabelText('Omschrijving'), 'Wat erin zit');
    await userEvent.click(screen.getByLabelText('iJw'));
    await userEvent.click(screen.getByLabelText('Plan van aanpak'));
    await userEvent.click(screen.getByRole('button', { name: 'Indienen' }));
    await screen.findByText('opened');
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/proposals',
        body: {
          title: 'Release iJw 3.3',
          description: 'Wat erin zit',
          standards: ['iJw'],
          kind: 'plan-of-approach',
        },
      },
    ]);
  });
});

describe('recording attendance', () => {
  const meeting = {
    id: 'm-1',
    date: '2026-12-10',
    status: 'open',
    present: [],
    createdAt: '2026-12-01T10:00:00Z',
    agenda: [],
  } as unknown as Schemas['MeetingWithAgenda'];
  const parties = ['ACTIZ', 'VNG', 'CAK', 'ZIN'].map((id) => ({ id, name: `Name of ${id}` }));

  it('puts who is ticked and names, as the API answers, who is missing for a vote', async () => {
    const requests = stubApi((request) =>
      request.method === 'GET'
        ? { status: 200, body: { parties } }
        : {
            status: 200,
            body: {
              ...meeting,
              present: ['VNG', 'ZIN'],
              quorum: { met: false, required: [], present: [], absent: ['ACTIZ', 'CAK'] },
            },
          },
    );
    renderAs('ZIN', <Attendance meeting={meeting} editable />);
    await userEvent.click(await screen.findByLabelText('Name of VNG (VNG)'));
    await userEvent.click(screen.getByLabelText('Name of ZIN (ZIN)'));
    await userEvent.click(screen.getByRole('button', { name: 'Aanwezigheid vastleggen' }));
    await screen.findByText('Er kan niet worden gestemd: afwezig zijn ACTIZ, CAK.');
    expect(requests.filter((r) => r.method === 'PUT')).toEqual([
      { method: 'PUT', path: '/meetings/m-1/attendance', body: { present: ['VNG', 'ZIN'] } },
    ]);
  });

  it('shows no form to a reader who may not record attendance', () => {
    stubApi(() => ({ status: 200, body: { parties } }));
    renderAs('VNG', <Attendance meeting={meeting} editable={false} />);
    expect(screen.queryByRole('button', { name: 'Aanwezigheid vastleggen' })).toBeNull();
  });
});

describe('the deadlines page', () => {
  it('creates a secret calendar address and shows it, or says the API has none yet', async () => {
    let calendars = 404;
    const requests = stubApi((request) =>
      request.path === '/calendars'
        ? calendars === 404
          ? {
              status: 404,
              body: { type: 'x/not-found', title: 'Niet gevonden', status: 404, detail: 'geen route' },
            }
          : { status: 201, body: { id: 'c-1', url: 'http://localhost:3000/calendars/c-1/secret.ics' } }
        : { status: 200, body: { deadlines: [] } },
    );
    renderAs('CAK', <DeadlinesPage />);
    const subscribe = screen.getByRole('button', { name: 'Agenda-abonnement maken (geheim adres)' });
    await userEvent.click(subscribe);
    await screen.findByText(/De API biedt nog geen agenda-abonnementen/);
    calendars = 201;
    await userEvent.click(subscribe);
    const link = await screen.findByRole('link', { name: 'http://localhost:3000/calendars/c-1/secret.ics' });
    expect(link.getAttribute('href')).toBe('http://localhost:3000/calendars/c-1/secret.ics');
    expect(requests.filter((r) => r.path === '/calendars').map((r) => r.method)).toEqual(['POST', 'POST']);
  });
});

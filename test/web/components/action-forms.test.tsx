import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionPanel } from '../../../web/src/components/actions/ActionPanel.tsx';
import { renderAs, stubApi } from './render.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

const proposal = (actions: string[]) => ({ id: 'p-1', meetingId: 'm-1', actions });

describe('ActionPanel', () => {
  it('shows a form for exactly each action the API offers, and lists the ones it has no form for', () => {
    stubApi();
    renderAs('VNG', <ActionPanel proposal={proposal(['vote', 'object', 'sign-change'])} />);
    expect(screen.getByRole('heading', { name: 'Stemmen' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Bezwaar maken' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Stemming openen' })).toBeNull();
    expect(screen.getByText('sign-change')).toBeTruthy();
  });

  it('says so when the caller can do nothing', () => {
    stubApi();
    renderAs('VNG', <ActionPanel proposal={proposal([])} />);
    expect(screen.getByText('U kunt nu niets doen met dit voorstel.')).toBeTruthy();
  });
});

describe('the vote form', () => {
  it("puts the signed-in party's ballot with its justification", async () => {
    const requests = stubApi();
    renderAs('CAK', <ActionPanel proposal={proposal(['vote'])} />);
    await userEvent.click(screen.getByLabelText('Tegen'));
    await userEvent.type(screen.getByLabelText('Toelichting (niet verplicht)'), 'Not ready');
    await userEvent.click(screen.getByRole('button', { name: 'Stem uitbrengen' }));
    await screen.findByText('Uw stem is vastgelegd.');
    expect(requests).toEqual([
      {
        method: 'PUT',
        path: '/proposals/p-1/votes/CAK',
        body: { choice: 'against', justification: 'Not ready' },
      },
    ]);
  });

  it('sends nothing while the choice is missing, and names the missing field', async () => {
    const requests = stubApi();
    renderAs('CAK', <ActionPanel proposal={proposal(['vote'])} />);
    await userEvent.click(screen.getByRole('button', { name: 'Stem uitbrengen' }));
    expect(screen.getByRole('alert').textContent).toBe('Vul nog in: Uw stem.');
    expect(requests).toEqual([]);
  });

  it("shows the API's problem when it refuses", async () => {
    stubApi(() => ({
      status: 409,
      body: {
        type: 'x/not-possible',
        title: 'Niet mogelijk nu',
        status: 409,
        detail: 'De stemming is gesloten.',
      },
    }));
    renderAs('CAK', <ActionPanel proposal={proposal(['vote'])} />);
    await userEvent.click(screen.getByLabelText('Voor'));
    await userEvent.click(screen.getByRole('button', { name: 'Stem uitbrengen' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Niet mogelijk nu');
    expect(alert.textContent).toContain('De stemming is gesloten.');
  });
});

describe('the objection and argumentation forms', () => {
  it('lodges an objection with its reason', async () => {
    const requests = stubApi();
    renderAs('CAK', <ActionPanel proposal={proposal(['object'])} />);
    await userEvent.type(screen.getByLabelText('Reden'), 'iEb is not ready');
    await userEvent.click(screen.getByRole('button', { name: 'Bezwaar maken' }));
    await screen.findByText('Uw bezwaar is vastgelegd.');
    expect(requests).toEqual([
      { method: 'POST', path: '/proposals/p-1/objection', body: { reason: 'iEb is not ready' } },
    ]);
  });

  it('sends arguments and an alternative proposal together', async () => {
    const requests = stubApi();
    renderAs('CAK', <ActionPanel proposal={proposal(['submit-arguments'])} />);
    await userEvent.type(screen.getByLabelText('Argumenten'), 'Three reasons');
    await userEvent.type(screen.getByLabelText('Oplossing of nieuw voorstel'), 'Postpone a month');
    await userEvent.click(screen.getByRole('button', { name: 'Argumenten indienen' }));
    await screen.findByText('Uw argumenten zijn ingediend.');
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/proposals/p-1/objection/argumentation',
        body: { arguments: 'Three reasons', alternativeProposal: 'Postpone a month' },
      },
    ]);
  });
});

describe('the consensus form', () => {
  it("offers the original text or an objector's alternative in a reconsideration, and says which", async () => {
    const requests = stubApi();
    const reconsidered = {
      ...proposal(['record-consensus']),
      objections: [{ by: 'CAK', alternativeProposal: 'Een maand later' }],
    };
    renderAs('ZIN', <ActionPanel proposal={reconsidered} />);
    await userEvent.click(screen.getByLabelText('Aangenomen'));
    await userEvent.click(screen.getByLabelText('Het alternatief van CAK'));
    await userEvent.click(screen.getByRole('button', { name: 'Consensus vastleggen' }));
    await screen.findByText('De consensus is vastgelegd.');
    expect(requests).toEqual([
      { method: 'POST', path: '/proposals/p-1/consensus', body: { outcome: 'adopted', text: 'CAK' } },
    ]);
  });

  it('asks no text when nobody proposed an alternative', () => {
    stubApi();
    renderAs('ZIN', <ActionPanel proposal={proposal(['record-consensus'])} />);
    expect(screen.queryByText('Welke tekst')).toBeNull();
  });
});

describe('the chair in the room', () => {
  it("records a present party's ballot under that party's name", async () => {
    const requests = stubApi();
    renderAs('ZIN', <ActionPanel proposal={proposal(['record-ballot'])} />);
    await userEvent.type(screen.getByLabelText('Partij (code, bijvoorbeeld CAK)'), 'VGN');
    await userEvent.click(screen.getByLabelText('Onthouden'));
    await userEvent.click(screen.getByRole('button', { name: 'Stem vastleggen' }));
    await screen.findByText('De stem is vastgelegd.');
    expect(requests).toEqual([
      { method: 'PUT', path: '/proposals/p-1/votes/VGN', body: { choice: 'abstain' } },
    ]);
  });

  it('lets the abstaining party answer for its own ballot', async () => {
    const requests = stubApi();
    renderAs('GGZ', <ActionPanel proposal={proposal(['answer-accountability'])} />);
    await userEvent.type(screen.getByLabelText('Antwoord'), 'Geen mandaat van onze leden');
    await userEvent.click(screen.getByRole('button', { name: 'Antwoord versturen' }));
    await screen.findByText('Uw antwoord is vastgelegd.');
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/proposals/p-1/votes/GGZ/accountability',
        body: { answer: 'Geen mandaat van onze leden' },
      },
    ]);
  });
});

describe('the escalation forms', () => {
  it('records an approval of the note as a boolean, leaving out empty comments', async () => {
    const requests = stubApi();
    renderAs('CAK', <ActionPanel proposal={proposal(['review-note'])} />);
    await userEvent.click(screen.getByLabelText('Goedgekeurd'));
    await userEvent.click(screen.getByRole('button', { name: 'Beoordeling vastleggen' }));
    await screen.findByText('Uw beoordeling is vastgelegd.');
    expect(requests).toEqual([
      { method: 'POST', path: '/proposals/p-1/escalation/note/approval', body: { approved: true } },
    ]);
  });

  it("records the DGLZ's final decision with its rationale", async () => {
    const requests = stubApi();
    renderAs('VWS', <ActionPanel proposal={proposal(['final-decision'])} />, ['dglz']);
    await userEvent.click(screen.getByLabelText('Verworpen'));
    await userEvent.type(screen.getByLabelText('Motivering'), 'Too early');
    await userEvent.click(screen.getByRole('button', { name: 'Eindbesluit vastleggen' }));
    await screen.findByText('Het eindbesluit is vastgelegd.');
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/proposals/p-1/escalation/final-decision',
        body: { outcome: 'rejected', rationale: 'Too early' },
      },
    ]);
  });
});

describe('closing the vote', () => {
  it('offers to record missing ballots as abstaining once the API names them, and says so in the request', async () => {
    const requests = stubApi((request) =>
      request.body && (request.body as { missingBallots?: string }).missingBallots
        ? { status: 200, body: {} }
        : {
            status: 422,
            body: {
              type: 'x/missing-ballots',
              title: 'Er ontbreken stemmen',
              status: 422,
              detail: 'CAK en VNG hebben niet gestemd.',
            },
          },
    );
    renderAs('ZIN', <ActionPanel proposal={proposal(['close-vote'])} />);
    await userEvent.click(screen.getByRole('button', { name: 'Stemming sluiten' }));
    expect((await screen.findByRole('alert')).textContent).toContain('CAK en VNG hebben niet gestemd.');
    await userEvent.click(
      screen.getByRole('button', { name: 'Sluiten en ontbrekende stemmen vastleggen als onthouding' }),
    );
    await waitFor(() => expect(screen.getByText('De stemming is gesloten.')).toBeTruthy());
    expect(requests.map((r) => r.body)).toEqual([{}, { missingBallots: 'abstain' }]);
  });
});

// The covenant's forms (issue 13, item 2): what they send, and how they show the API's answer.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '../../../web/src/api/index.ts';
import { CovenantPage } from '../../../web/src/features/covenant/CovenantPage.tsx';
import { NoticeForm } from '../../../web/src/features/covenant/NoticeForm.tsx';
import { ProposeChangeForm } from '../../../web/src/features/covenant/ProposeChangeForm.tsx';
import { Withdrawal } from '../../../web/src/features/parties/Withdrawal.tsx';
import { MyWorkPage } from '../../../web/src/features/work/MyWorkPage.tsx';
import { renderAs, stubApi } from './render.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

const text = { title: 'Convenant Stuurgroep iStandaarden', reference: 'convenant-2023.pdf' };
const covenant = {
  inForce: { version: 1, effectiveOn: '2023-01-01', text, cause: { kind: 'seed' } },
  term: { startedOn: '2023-01-01', endsOn: '2027-12-31', renewsOn: '2028-01-01', reminderOn: '2027-09-30' },
  history: [{ version: 1, effectiveOn: '2023-01-01', text, cause: { kind: 'seed' } }],
  changes: [
    {
      id: 'c-1',
      kind: 'addendum',
      summary: 'Addendum termijnen',
      effectiveDate: '2027-03-01',
      status: 'proposed',
    },
  ],
} as unknown as Schemas['Covenant'];
const change = {
  id: 'c-1',
  kind: 'addendum',
  summary: 'Addendum termijnen',
  effectiveDate: '2027-03-01',
  signatories: ['ZIN', 'VNG', 'CAK'],
  signatures: [{ party: 'ZIN', at: '2026-12-07T09:00:00Z' }],
  missing: ['VNG', 'CAK'],
  status: 'awaiting-signatures',
} as unknown as Schemas['CovenantChange'];

/** Answers GET /covenant and GET /covenant/changes/c-1; anything else with `other`. */
function covenantApi(other: () => { status: number; body: unknown } = () => ({ status: 200, body: change })) {
  return stubApi((request) => {
    if (request.method === 'GET' && request.path === '/covenant') return { status: 200, body: covenant };
    if (request.method === 'GET' && request.path === '/covenant/changes/c-1')
      return { status: 200, body: change };
    return other();
  });
}

describe('the covenant page', () => {
  it('shows the version in force, the renewal, and who still has to sign; a missing party signs', async () => {
    const requests = covenantApi();
    renderAs('VNG', <CovenantPage />);
    await screen.findByText(/Versie 1, van kracht sinds 1 januari 2023/);
    expect(screen.getByText(/stilzwijgend verlengd/).textContent).toContain('1 januari 2028');
    const row = screen.getByRole('row', { name: /Addendum termijnen/ });
    await within(row).findByText(/VNG, CAK/);
    // The list says "proposed"; the change itself says it awaits signatures.
    expect(within(row).getByText('wacht op handtekeningen')).toBeTruthy();
    expect(screen.getByText('1 wijziging en wie nog moet tekenen (art. 9.2)')).toBeTruthy();
    await userEvent.click(within(row).getByRole('button', { name: 'Tekenen: Addendum termijnen' }));
    await vi.waitFor(() =>
      expect(requests.filter((r) => r.method === 'POST')).toEqual([
        { method: 'POST', path: '/covenant/changes/c-1/signature', body: {} },
      ]),
    );
  });

  it('offers no signature to a party that signed, and the change form to ZIN only', async () => {
    covenantApi();
    renderAs('ZIN', <CovenantPage />);
    const row = await screen.findByRole('row', { name: /Addendum termijnen/ });
    await within(row).findByText(/VNG, CAK/);
    expect(within(row).queryByRole('button')).toBeNull();
    expect(screen.getByRole('heading', { level: 2, name: 'Wijziging voorstellen' })).toBeTruthy();
  });
});

describe('proposing a covenant change', () => {
  async function fill(registerChanges: string, policy?: string) {
    await userEvent.click(screen.getByLabelText('Addendum'));
    await userEvent.type(screen.getByLabelText('Samenvatting'), 'CAK treedt uit');
    await userEvent.type(screen.getByLabelText('Tekst van de wijziging'), 'Artikel 2 vervalt voor CAK.');
    await userEvent.type(screen.getByLabelText('Ingangsdatum'), '2027-03-01');
    if (registerChanges) {
      await userEvent.click(
        screen.getByLabelText('Wijzigingen in het partijenregister (JSON, niet verplicht)'),
      );
      await userEvent.paste(registerChanges);
    }
    if (policy)
      await userEvent.click(within(screen.getByRole('group', { name: policy })).getByLabelText('nee'));
    await userEvent.click(screen.getByRole('button', { name: 'Wijziging voorstellen' }));
  }

  it('sends the kind, summary, text, date and register changes, and shows the 422 the API refuses with', async () => {
    const requests = stubApi(() => ({
      status: 422,
      body: {
        title: 'Het convenant staat dit niet toe',
        detail: 'De ingangsdatum ligt in het verleden.',
        status: 422,
      },
    }));
    renderAs('ZIN', <ProposeChangeForm />);
    await fill('{"remove":["CAK"]}', 'Termijnen schuiven door over niet-werkdagen');
    await screen.findByText('De ingangsdatum ligt in het verleden.', { exact: false });
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/covenant/changes',
        body: {
          kind: 'addendum',
          summary: 'CAK treedt uit',
          text: 'Artikel 2 vervalt voor CAK.',
          effectiveDate: '2027-03-01',
          registerChanges: { remove: ['CAK'] },
          policyChanges: { extendDeadlinesOverNonWorkingDays: false },
        },
      },
    ]);
  });

  it('names the field errors of a 400', async () => {
    stubApi(() => ({
      status: 400,
      body: {
        title: 'Ongeldig verzoek',
        status: 400,
        errors: [{ path: 'body.registerChanges.remove[0]', message: 'onbekende partij' }],
      },
    }));
    renderAs('ZIN', <ProposeChangeForm />);
    await fill('{"remove":["NOBODY"]}');
    await screen.findByText('body.registerChanges.remove[0]: onbekende partij');
  });

  it('sends nothing while the register changes are not JSON', async () => {
    const requests = stubApi();
    renderAs('ZIN', <ProposeChangeForm />);
    await fill('{remove: CAK');
    await screen.findByText(/De registerwijzigingen zijn geen geldige JSON/);
    expect(requests).toEqual([]);
  });
});

describe('posting a notice', () => {
  it('sends the subject and the message (art. 12)', async () => {
    const requests = stubApi(() => ({ status: 201, body: {} }));
    renderAs('CAK', <NoticeForm />);
    await userEvent.type(screen.getByLabelText('Onderwerp'), 'Nieuwe directeur');
    await userEvent.type(screen.getByLabelText('Bericht'), 'Per 1 januari.');
    await userEvent.click(screen.getByRole('button', { name: 'Mededeling versturen' }));
    await screen.findByText('De mededeling is verstuurd.');
    expect(requests).toEqual([
      { method: 'POST', path: '/notices', body: { subject: 'Nieuwe directeur', body: 'Per 1 januari.' } },
    ]);
  });
});

describe('the notice of withdrawal', () => {
  it('asks for confirmation, saying it takes effect three months later, before it sends', async () => {
    const requests = stubApi(() => ({ status: 201, body: {} }));
    renderAs('CAK', <Withdrawal party="CAK" notice={undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Convenant opzeggen' }));
    expect(screen.getByText(/drie maanden na vandaag in \(art\. 10\)/)).toBeTruthy();
    expect(requests).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Annuleren' }));
    expect(requests).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Convenant opzeggen' }));
    await userEvent.click(screen.getByRole('button', { name: 'Ja, opzeggen' }));
    await vi.waitFor(() =>
      expect(requests).toEqual([{ method: 'POST', path: '/parties/CAK/withdrawal', body: {} }]),
    );
  });

  it('shows a pending notice with the date the API gives, and revokes it', async () => {
    const requests = stubApi(() => ({ status: 200, body: {} }));
    renderAs(
      'CAK',
      <Withdrawal party="CAK" notice={{ party: 'CAK', noticeOn: '2026-12-07', effectiveOn: '2027-03-07' }} />,
    );
    expect(screen.getByText(/gaat in op 7 maart 2027/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Opzegging intrekken' }));
    await vi.waitFor(() =>
      expect(requests).toEqual([{ method: 'POST', path: '/parties/CAK/withdrawal/revocation', body: {} }]),
    );
  });
});

describe('my work: changes to sign', () => {
  const withNoProposals = () => ({ status: 200, body: { proposals: [] } });

  it('lists a change the signed-in party must sign, and does not say nothing waits', async () => {
    covenantApi(withNoProposals);
    renderAs('CAK', <MyWorkPage />);
    const link = await screen.findByRole('link', { name: 'Addendum termijnen' });
    expect(link.getAttribute('href')).toBe('#/covenant');
    expect(screen.getByText('1 convenantwijziging wacht op uw handtekening')).toBeTruthy();
    expect(screen.queryByText('Er wacht nu niets op u.')).toBeNull();
  });

  it('lists no change for a party that signed', async () => {
    const requests = covenantApi(withNoProposals);
    renderAs('ZIN', <MyWorkPage />);
    await screen.findByText('Er wacht nu niets op u.');
    // The change was read (ZIN signed it), so its absence is the answer, not a page still loading.
    await vi.waitFor(() => expect(requests.map((r) => r.path)).toContain('/covenant/changes/c-1'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByText('Er wacht nu niets op u.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Addendum termijnen' })).toBeNull();
  });
});

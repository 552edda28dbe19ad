/**
 * The web app in a real browser (Debian's Chromium, driven by playwright-core) against a whole
 * local stack this file starts: the README's whole lifecycle by clicking — the secretariat tables,
 * works out and schedules an item, plans the meeting, records attendance and opens the vote; the
 * eight representatives vote, each signed in as their party; the secretariat watches the ballots
 * arrive and closes the vote; CAK objects and argues; the secretariat closes the meeting, puts the
 * item on a second meeting for reconsideration, records that it brought no decision and drafts
 * the escalation note; CAK approves it; the secretariat records the ministry's outcome (no
 * decision); the DGLZ (VWS with role dglz) takes the final decision. The covenant: ZIN proposes
 * an addendum, VNG finds it on "My work" and signs, and the page names who is still missing; CAK
 * posts a notice and gives, then revokes, a notice of withdrawal. Then axe (WCAG 2.2 AA) on every
 * page, the administrators' and the covenant pages included.
 *
 * `WEB_SCREENSHOTS=1` also writes the main pages to docs/web-*.png (the README shows them).
 */
import { existsSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useLocalStack } from '#test/e2e/support/local-stack.ts';
import { ensureWebBuild } from '../../../web/scripts/build.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SCREENSHOTS = process.env.WEB_SCREENSHOTS === '1';
const VOTERS = [
  ['ACTIZ', 'Voor'],
  ['GGZ', 'Voor'],
  ['JZN', 'Voor'],
  ['VALENTE', 'Voor'],
  ['VGN', 'Voor'],
  ['ZTNL', 'Voor'],
  ['VNG', 'Voor'],
  ['CAK', 'Tegen'],
] as const;

const stack = useLocalStack();
const consoleErrors: string[] = [];
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  await ensureWebBuild({ quiet: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** A fresh browser context (its own session storage) signed in as `party` on the sign-in page. */
async function signedIn(party: string, options: { readonly role?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => console.error(`page error (${party}):`, error.message));
  // A Content-Security-Policy violation, a failed request or a React warning shows here.
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${party}: ${message.text()}`);
  });
  await page.goto(`${stack.baseUrl}/`);
  await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
  const name = options.role
    ? new RegExp(`\\(${party}\\) als ${options.role}$`)
    : new RegExp(`\\(${party}\\)$`);
  await page.getByRole('button', { name }).click();
  await page.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
  return page;
}

/** On a failure, what each open page showed, for the one reading the failure. */
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  let n = 0;
  for (const open of contexts)
    for (const page of open.pages())
      await page.screenshot({ path: `${tmpdir()}/web-failure-${n++}.png`, fullPage: true });
  console.error(`web app test failed: screenshots in ${tmpdir()}/web-failure-*.png`);
  await closeAll();
});

async function closeAll() {
  for (const context of contexts.splice(0)) await context.close();
}

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  // A page axe found nothing to check on would pass vacuously.
  if (results.passes.length === 0) return ['axe checked nothing on this page'];
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** The status of a GET sent with another Host header (fetch does not let one set it). */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
  });
}

let proposalUrl = '';
let meetingUrl = '';
let adminUrl = '';

describe('the web app in a browser', () => {
  it('serves the app at / and signs in only through the local route', async () => {
    const index = await fetch(`${stack.baseUrl}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('<div id="root">');
    // The API keeps its own paths: a JSON list, not the app.
    const api = await fetch(`${stack.baseUrl}/proposals`);
    expect(api.status).toBe(401);

    // The local sign-in signs a working token for a choice of the register, and for nothing else.
    const signIn = (body: unknown) =>
      fetch(`${stack.baseUrl}/_local/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const dglz = await signIn({ party: 'VWS', roles: ['dglz'] });
    expect(dglz.status).toBe(200);
    const { token } = (await dglz.json()) as { token: string };
    const asDglz = await fetch(`${stack.baseUrl}/proposals`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(asDglz.status).toBe(200);
    expect((await signIn({ party: 'CAK', roles: ['dglz'] })).status).toBe(400);
    expect((await signIn({ party: 'NOBODY' })).status).toBe(400);
    // A page on another host name that resolves to this machine (DNS rebinding) gets nothing.
    expect(await statusWithHost(`${stack.baseUrl}/_local/sign-in`, 'rebound.example')).toBe(403);
  });

  it('runs a meeting by clicking: plan, attendance, eight ballots arriving live, close, objection, arguments', async () => {
    const zin = await signedIn('ZIN');

    // The secretariat tables an agenda item and works it out.
    await zin.getByRole('link', { name: 'Voorstellen' }).click();
    await zin.getByRole('link', { name: 'Agendapunt indienen' }).click();
    await zin.getByLabel('Titel').fill('Release iWmo 3.3');
    await zin.getByLabel('Omschrijving').fill('De inhoud van release iWmo 3.3.');
    await zin.getByLabel('iWmo').check();
    await zin.getByLabel('Release', { exact: true }).check();
    await zin.getByRole('button', { name: 'Indienen' }).click();
    await zin.waitForURL(/#\/proposals\/(?!new$)[^/]+$/);
    proposalUrl = zin.url();
    await zin.getByLabel('Tekst van het voorstel').fill('De releasecontent, uitgewerkt.');
    await zin.getByRole('button', { name: 'Uitwerking opslaan' }).click();
    await zin.getByRole('heading', { name: 'Agenderen' }).waitFor();

    // It plans the meeting and puts the item on its agenda.
    await zin.getByRole('link', { name: 'Vergaderingen' }).click();
    await zin.getByLabel('Titel').fill('Decembervergadering');
    await zin.getByRole('button', { name: 'Vergadering plannen' }).click();
    await zin.waitForURL(/#\/meetings\/[^/]+$/);
    meetingUrl = zin.url();
    await zin.goto(proposalUrl);
    await zin.getByLabel('Vergadering').selectOption({ index: 1 });
    await zin.getByRole('button', { name: 'Agenderen' }).click();
    await zin.getByText('Fase').first().waitFor();
    await zin.getByRole('heading', { name: 'Stemming openen' }).waitFor();

    // At the meeting: attendance names who is missing, then everyone is there and the vote opens.
    await zin.goto(meetingUrl);
    await zin.getByRole('heading', { level: 3, name: 'Release iWmo 3.3' }).first().waitFor();
    for (const [party] of VOTERS.slice(0, 7)) await zin.getByLabel(new RegExp(`\\(${party}\\)$`)).check();
    await zin.getByRole('button', { name: 'Aanwezigheid vastleggen' }).click();
    await zin.getByText('Er kan niet worden gestemd: afwezig zijn CAK.').waitFor();
    await zin.getByLabel(/\(CAK\)$/).check();
    await zin.getByLabel(/\(ZIN\)$/).check();
    await zin.getByRole('button', { name: 'Aanwezigheid vastleggen' }).click();
    await zin.getByText('Alle stemgerechtigde partijen zijn aanwezig').waitFor();
    await zin.getByRole('button', { name: 'Stemming openen' }).click();
    await zin.getByText('0 partijen hebben gestemd').waitFor();

    // The eight representatives vote, each as their own party.
    for (const [party, choice] of VOTERS) {
      const representative = await signedIn(party);
      await representative.goto(proposalUrl);
      await representative.getByLabel(choice, { exact: true }).check();
      if (party === 'CAK')
        await representative.getByLabel('Toelichting (niet verplicht)').fill('iEb is niet klaar');
      await representative.getByRole('button', { name: 'Stem uitbrengen' }).click();
      await representative.getByText('Uw stem is vastgelegd.').waitFor();
      await representative.context().close();
    }

    // The secretariat's screen shows the ballots as they arrived, without a reload, and closes the vote.
    await zin.getByText('8 partijen hebben gestemd').waitFor({ timeout: 10_000 });
    await zin.getByRole('button', { name: 'Stemming sluiten' }).click();
    await zin.getByRole('heading', { name: 'Uitslag van de stemming' }).waitFor();
    const tally = zin.getByRole('table', { name: 'Stemmen per partij' });
    await expect(tally.getByRole('row', { name: /CAK tegen 6/ }).count()).resolves.toBe(1);
    // The outcome is the API's: 12 of 18 cast votes for, 10 needed.
    const summary = (await zin.locator('.rhc-data-summary').first().textContent()) ?? '';
    expect(summary).toMatch(/Voor\s*12/);
    expect(summary).toMatch(/Nodig voor een besluit\s*10/);
    expect(summary).toMatch(/Uitkomst\s*aangenomen/);

    // CAK objects before the meeting closes, and sends its arguments.
    const cak = await signedIn('CAK');
    await cak.goto(proposalUrl);
    await cak.getByLabel('Reden').fill('De iEb-berichten zijn niet klaar.');
    await cak.getByRole('button', { name: 'Bezwaar maken' }).click();
    await cak.getByText('Uw bezwaar is vastgelegd.').waitFor();
    await cak
      .getByRole('textbox', { name: 'Argumenten', exact: true })
      .fill('Drie leveranciers halen de datum niet.');
    await cak.getByLabel('Oplossing of nieuw voorstel').fill('Release een maand later.');
    await cak.getByRole('button', { name: 'Argumenten indienen' }).click();
    await cak.getByText('Uw argumenten zijn ingediend.').waitFor();
    const objections = cak.getByRole('table', { name: /bezwaren/ });
    await objections.getByRole('row', { name: /CAK .*Drie leveranciers/ }).waitFor();

    // The timeline, from the audit trail, tells the story.
    const section = cak.getByRole('heading', { name: 'Verloop' }).locator('xpath=..');
    await section.getByText('Argumenten ingediend').waitFor();
    const timeline = await section.textContent();
    for (const step of [
      'Agendapunt ingediend',
      'Stemming geopend',
      'Stemming gesloten',
      'Bezwaar gemaakt',
      'Argumenten ingediend',
    ])
      expect(timeline ?? '').toContain(step);
    await closeAll();
  }, 240_000);

  it('escalates by clicking: meeting closed, reconsideration without a decision, the note, the ministry, the DGLZ', async () => {
    expect(proposalUrl, 'the meeting test ran first').not.toBe('');
    const zin = await signedIn('ZIN');

    // The meeting screen offers "close meeting" once (not again per agenda item); the chair closes it.
    await zin.goto(meetingUrl);
    await zin.getByRole('heading', { level: 3, name: 'Release iWmo 3.3' }).first().waitFor();
    const closeMeeting = zin.getByRole('button', { name: 'Vergadering sluiten' });
    await closeMeeting.waitFor();
    expect(await closeMeeting.count()).toBe(1);
    await closeMeeting.click();
    await closeMeeting.waitFor({ state: 'detached' });

    // CAK argued: the item comes back for reconsideration on a second meeting, which brings no decision.
    await zin.getByRole('link', { name: 'Vergaderingen' }).click();
    await zin.getByLabel('Titel').fill('Januarivergadering');
    await zin.getByRole('button', { name: 'Vergadering plannen' }).click();
    await zin.waitForURL(/#\/meetings\/[^/]+$/);
    expect(zin.url()).not.toBe(meetingUrl);
    await zin.goto(proposalUrl);
    await zin.getByText('Heroverweging').first().waitFor();
    await zin.getByLabel('Vergadering').selectOption({ index: 1 });
    await zin.getByRole('button', { name: 'Agenderen' }).click();
    await zin.getByRole('heading', { name: 'Geen besluit na heroverweging' }).waitFor();
    await zin.getByRole('button', { name: 'Vastleggen', exact: true }).click();
    await zin.getByText('Vastgelegd: geen besluit.').waitFor();

    // The secretariat drafts the accompanying note on the escalations page.
    await zin.getByRole('link', { name: 'Escalaties' }).click();
    await zin.getByRole('heading', { level: 1, name: 'Escalaties' }).waitFor();
    await zin.getByLabel('Aanleiding').fill('Na heroverweging is er geen besluit.');
    await zin.getByLabel('Gevraagd besluit').fill('Besluit over de invoeringsdatum.');
    await zin.getByRole('button', { name: 'Notitie indienen' }).click();
    await zin.getByText('De notitie is ingediend.').waitFor();

    // The objector approves it; the note goes to the ministry.
    const cak = await signedIn('CAK');
    await cak.getByRole('link', { name: 'Escalaties' }).click();
    await cak.getByText('Aanleiding: Na heroverweging is er geen besluit.').waitFor();
    await cak.getByLabel('Goedgekeurd', { exact: true }).check();
    await cak.getByRole('button', { name: 'Beoordeling vastleggen' }).click();
    await cak.getByText('Uw beoordeling is vastgelegd.').waitFor();
    await cak.context().close();

    // The meeting at VWS brings no decision either: the secretariat records it, and the DGLZ decides.
    await zin.reload();
    await zin.getByRole('heading', { name: 'Uitkomst overleg VWS vastleggen' }).waitFor();
    await zin.getByLabel('Geen besluit', { exact: true }).check();
    await zin.getByRole('button', { name: 'Uitkomst vastleggen' }).click();
    await zin.getByText('De uitkomst is vastgelegd.').waitFor();

    const dglz = await signedIn('VWS', { role: 'dglz' });
    await dglz.getByRole('link', { name: 'Escalaties' }).click();
    await dglz.getByRole('heading', { name: 'Eindbesluit DGLZ' }).waitFor();
    await dglz.getByLabel('Aangenomen', { exact: true }).check();
    await dglz.getByLabel('Motivering').fill('De release gaat door; de leveranciers krijgen ondersteuning.');
    await dglz.getByRole('button', { name: 'Eindbesluit vastleggen' }).click();
    // Decided for good, the proposal leaves the escalations.
    await dglz.getByText('Er zijn geen escalaties.').waitFor();

    // The decision is in force, by the DGLZ, and the timeline tells the escalation.
    await dglz.goto(proposalUrl);
    await dglz.getByText('Besluit van kracht').first().waitFor();
    const section = dglz.getByRole('heading', { name: 'Verloop' }).locator('xpath=..');
    await section.getByText('Uitkomst VWS vastgelegd').waitFor();
    const timeline = await section.textContent();
    for (const step of [
      'Vergadering gesloten',
      'Geen besluit vastgelegd',
      'Notitie ingediend',
      'Notitie beoordeeld',
      'Uitkomst VWS vastgelegd',
      'Eindbesluit DGLZ',
    ])
      expect(timeline ?? '').toContain(step);

    // Beheer: the proposal's execution ended in agreement with the proposal in DynamoDB.
    await zin.getByRole('link', { name: 'Beheer' }).click();
    await zin.getByRole('heading', { level: 1, name: 'Beheer' }).waitFor();
    const row = zin.getByRole('row', { name: /Release iWmo 3\.3/ });
    await row.getByText('voltooid').waitFor();
    expect(await row.textContent()).toContain('ja');
    await row.getByRole('link', { name: 'Release iWmo 3.3' }).click();
    await zin.getByRole('heading', { level: 1, name: 'Uitvoering: Release iWmo 3.3' }).waitFor();
    await zin.getByText('uitvoering voltooid').waitFor();
    adminUrl = zin.url();
    await closeAll();
  }, 240_000);

  it('runs a covenant change: ZIN proposes an addendum, VNG signs, the page names who is still missing', async () => {
    const effectiveDate = `${new Date().getUTCFullYear() + 1}-03-01`;
    const zin = await signedIn('ZIN');
    await zin.getByRole('link', { name: 'Convenant' }).click();
    await zin.getByRole('heading', { level: 1, name: 'Convenant' }).waitFor();
    await zin.getByText(/^Versie \d+, van kracht sinds/).waitFor();
    await zin.getByLabel('Addendum').check();
    await zin.getByLabel('Samenvatting').fill('Addendum vergaderschema');
    await zin.getByLabel('Tekst van de wijziging').fill('De stuurgroep vergadert voortaan tweemaandelijks.');
    await zin.getByLabel('Ingangsdatum').fill(effectiveDate);
    await zin.getByRole('button', { name: 'Wijziging voorstellen' }).click();
    await zin
      .getByText('De wijziging is voorgesteld en wacht op de handtekeningen van alle partijen.')
      .waitFor();
    const zinRow = zin.getByRole('row', { name: /Addendum vergaderschema/ });
    await zinRow.getByText(/\bVNG\b/).waitFor();

    // VNG finds the change on "My work", signs it on the covenant page, and is no longer missing.
    const vng = await signedIn('VNG');
    await vng.getByRole('link', { name: 'Addendum vergaderschema' }).click();
    await vng.getByRole('heading', { level: 1, name: 'Convenant' }).waitFor();
    const row = vng.getByRole('row', { name: /Addendum vergaderschema/ });
    const missingBefore = (await row.getByRole('cell').nth(3).textContent()) ?? '';
    expect(missingBefore).toContain('VNG');
    await row.getByRole('button', { name: 'Tekenen: Addendum vergaderschema' }).click();
    await row.getByRole('button').waitFor({ state: 'detached' });
    const missingAfter = (await row.getByRole('cell').nth(3).textContent()) ?? '';
    expect(missingAfter).not.toMatch(/\bVNG\b/);
    expect(missingAfter).toMatch(/\bCAK\b/);
    await closeAll();
  }, 120_000);

  it('posts a notice (art. 12), and gives and revokes a notice of withdrawal (art. 10) by clicking', async () => {
    const cak = await signedIn('CAK');
    await cak.getByRole('link', { name: 'Mededelingen' }).click();
    await cak.getByRole('heading', { level: 1, name: 'Mededelingen' }).waitFor();
    await cak.getByLabel('Onderwerp').fill('Nieuwe contactpersoon');
    await cak.getByLabel('Bericht').fill('Vanaf januari is er een nieuwe contactpersoon.');
    await cak.getByRole('button', { name: 'Mededeling versturen' }).click();
    await cak.getByRole('heading', { level: 2, name: 'Nieuwe contactpersoon' }).waitFor();

    await cak.getByRole('link', { name: 'Partijen' }).click();
    await cak.getByRole('heading', { level: 1, name: 'Partijen' }).waitFor();
    await cak.getByRole('button', { name: 'Convenant opzeggen' }).click();
    await cak.getByText(/drie maanden na vandaag in \(art\. 10\)/).waitFor();
    await cak.getByRole('button', { name: 'Ja, opzeggen' }).click();
    await cak.getByText(/CAK heeft op .* opgezegd; de uittreding gaat in op/).waitFor();
    await cak.getByRole('button', { name: 'Opzegging intrekken' }).click();
    await cak.getByText('De opzegging is ingetrokken.').waitFor();
    await cak.getByRole('button', { name: 'Convenant opzeggen' }).waitFor();
    await closeAll();
  }, 60_000);

  it('meets WCAG 2.2 AA (axe) on every page', async () => {
    expect(proposalUrl, 'the lifecycle test ran first').not.toBe('');
    const zin = await signedIn('ZIN');
    const pages: [string, string, string | undefined][] = [
      ['#/', 'Mijn werk', 'web-my-work.png'],
      ['#/proposals', 'Voorstellen', 'web-proposals.png'],
      ['#/proposals/new', 'Agendapunt indienen', undefined],
      [proposalUrl.slice(proposalUrl.indexOf('#')), 'Release iWmo 3.3', 'web-proposal.png'],
      ['#/meetings', 'Vergaderingen', undefined],
      [meetingUrl.slice(meetingUrl.indexOf('#')), '', 'web-meeting.png'],
      ['#/escalations', 'Escalaties', 'web-escalations.png'],
      ['#/decisions', 'Besluitenregister', undefined],
      ['#/deadlines', 'Termijnen', 'web-deadlines.png'],
      ['#/parties', 'Partijen', undefined],
      ['#/covenant', 'Convenant', undefined],
      ['#/notices', 'Mededelingen', undefined],
      ['#/release-calendar', 'Releasekalender', undefined],
      ['#/admin', 'Beheer', 'web-admin.png'],
      [adminUrl.slice(adminUrl.indexOf('#')), 'Uitvoering: Release iWmo 3.3', undefined],
    ];
    const found: Record<string, string[]> = {};
    for (const [hash, title, screenshot] of pages) {
      await zin.goto(`${stack.baseUrl}/${hash}`);
      const h1 = zin.getByRole('heading', { level: 1, ...(title ? { name: title } : {}) });
      await h1.waitFor();
      await zin.getByText('Bezig met laden…').first().waitFor({ state: 'detached' });
      found[hash] = await axeViolations(zin);
      if (SCREENSHOTS && screenshot) await zin.screenshot({ path: `docs/${screenshot}`, fullPage: true });
    }
    const signOut = await browser.newContext();
    contexts.push(signOut);
    const signInPage = await signOut.newPage();
    await signInPage.goto(`${stack.baseUrl}/`);
    await signInPage.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await signInPage.getByRole('button', { name: /\(ZIN\)$/ }).waitFor();
    found['#/sign-in'] = await axeViolations(signInPage);
    if (SCREENSHOTS) await signInPage.screenshot({ path: 'docs/web-sign-in.png', fullPage: true });
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((page) => [page, []])));
    expect(consoleErrors).toEqual([]);
    await closeAll();
  }, 120_000);

  it('switches to English and back, every visible string from the catalogue', async () => {
    const page = await signedIn('VWS', { role: 'dglz' });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByText('Signed in as VWS (dglz)').count()).toBe(1);
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
    await closeAll();
  });
});

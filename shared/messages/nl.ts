/** De Nederlandse teksten van de API (de standaardtaal): formeel, in de termen van het convenant. */
import type { Messages, NextFacts, TallyFigures } from './catalogue.ts';

/**
 * Made on first use, not at import: building an `Intl.DateTimeFormat` loads the locale's data, a
 * cost of every cold start whose request writes no date in words (issue 16).
 */
let DAY: Intl.DateTimeFormat | undefined;
/** `2026-12-07` → `maandag 7 december 2026`. */
const day = (date: string) => {
  DAY ??= new Intl.DateTimeFormat('nl-NL', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return DAY.format(new Date(`${date}T12:00:00Z`));
};
const list = (parties: readonly string[]) =>
  parties.length <= 1 ? (parties[0] ?? '') : `${parties.slice(0, -1).join(', ')} en ${parties.at(-1)}`;

const outcomeNl = (outcome: string) =>
  ({ adopted: 'aangenomen', rejected: 'verworpen', dropped: 'afgevoerd' })[outcome] ?? outcome;
const viaNl = (via: string) =>
  ({
    vote: 'bij stemming',
    consensus: 'bij consensus',
    reconsideration: 'na heroverweging',
    ministry: 'door het ministerie',
    dglz: 'door de DGLZ',
  })[via] ?? via;

/** The Algemene termijnenwet's advice, when the last day is not a working day. */
const advice = (f: NextFacts) => {
  if (!f.deadline?.advice) return '';
  return f.deadline.extended
    ? ' De oorspronkelijke laatste dag was geen werkdag; zoals de Algemene termijnenwet doet voor wettelijke termijnen, is de termijn verlengd tot de eerstvolgende werkdag.'
    : ' De laatste dag is geen werkdag. De Algemene termijnenwet zou een wettelijke termijn verlengen tot de eerstvolgende werkdag; deze termijn wordt niet verlengd (beleid extendDeadlinesOverNonWorkingDays staat uit).';
};
const by = (f: NextFacts) =>
  f.deadline ? ` uiterlijk aan het eind van ${day(f.deadline.lastDay)} (Amsterdamse tijd).${advice(f)}` : '';
const overdueSince = (f: NextFacts) =>
  f.deadline ? `De termijn is verstreken op ${day(f.deadline.lastDay)}; de leden zijn herinnerd. ` : '';
const meetingOn = (f: NextFacts) =>
  f.meetingDate ? `de vergadering van ${day(f.meetingDate)}` : 'de vergadering';

/** A refusal's facts as its extension members name them: `absent: CAK, VNG; implementationDate: 2027-03-01`. */
function factsNl(facts: Readonly<Record<string, unknown>>): string {
  const shown = Object.entries(facts)
    .filter(
      ([, value]) =>
        (value !== undefined && value !== null && typeof value !== 'object') || Array.isArray(value),
    )
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);
  return shown.length > 0 ? ` Betreft: ${shown.join('; ')}.` : '';
}

function summary(t: TallyFigures, countsAsCast: boolean): string {
  const rounded = t.cast % 2 === 0 ? '' : ', naar beneden afgerond';
  const need = `${t.threshold} (de helft van ${t.cast}${rounded}, plus één)`;
  const abstained =
    t.abstain === 0
      ? ''
      : ` ${t.abstain === 1 ? '1 stem was een onthouding, die' : `${t.abstain} stemmen waren onthoudingen, die`} ${countsAsCast ? '' : 'niet '}als uitgebracht ${t.abstain === 1 ? 'telt' : 'tellen'}.`;
  if (t.outcome === 'adopted')
    return `Aangenomen: ${t.for} van de ${t.cast} uitgebrachte stemmen zijn voor; een geldig besluit vraagt er ten minste ${need}.${abstained}`;
  if (t.outcome === 'rejected')
    return `Verworpen: ${t.against} van de ${t.cast} uitgebrachte stemmen zijn tegen; een geldig besluit vraagt er ten minste ${need}.${abstained}`;
  if (t.cast === 0) return `Geen geldig besluit: er zijn geen stemmen uitgebracht.${abstained}`;
  return (
    `Geen geldig besluit: ${t.for} voor en ${t.against} tegen van ${t.cast} uitgebrachte stemmen; ` +
    `geen van beide haalt de ${need} die een geldig besluit vraagt.${abstained}`
  );
}

/** The problems texts (Dutch); an entry imports only the sections it uses (issue 16). */
export const nlProblems: Messages['problems'] = {
  'invalid-request': {
    title: 'Het verzoek is niet geldig',
    about:
      'Het verzoek voldoet niet aan de specificatie van de API. Het lid `errors` noemt per veld wat er niet klopt; verbeter het verzoek en stuur het opnieuw.',
  },
  'unknown-party': {
    title: 'Een genoemde partij staat niet in het register',
    about:
      'Het verzoek noemt een partij die niet in het partijenregister van het convenant staat (lid `parties`). Gebruik de id’s van GET /parties.',
  },
  unauthenticated: {
    title: 'Een geldig bearer-token is vereist',
    about:
      'Het verzoek heeft geen geldig bearer-token, of het token noemt geen partij (claim `party`). Vraag een nieuw token aan en stuur het mee in de header Authorization.',
  },
  forbidden: {
    title: 'Uw partij of rol mag dit niet',
    about:
      'Het convenant kent deze handeling toe aan een andere partij of rol (bijvoorbeeld de voorzitter, een Ketenpartij of de DGLZ). Er is niets gewijzigd.',
  },
  'forbidden-host': {
    title: 'Deze host wordt niet bediend',
    about: 'De lokale omgeving beantwoordt alleen verzoeken aan localhost, om DNS-rebinding te voorkomen.',
  },
  'invalid-host': {
    title: 'De Host-header is niet geldig',
    about: 'Het verzoek heeft geen of een ongeldige Host-header.',
  },
  'not-found': {
    title: 'Niet gevonden',
    about: 'De gevraagde bron bestaat niet (meer). Controleer het adres en de id.',
  },
  'route-not-found': {
    title: 'Deze route bestaat niet',
    about: 'De API kent geen route voor deze methode en dit pad. GET /openapi.json beschrijft alle routes.',
  },
  'proposal-not-found': {
    title: 'Dit voorstel bestaat niet',
    about:
      'Er is geen voorstel (agendapunt) met deze id (lid `proposalId`). GET /proposals toont de voorstellen.',
  },
  'meeting-not-found': {
    title: 'Deze vergadering bestaat niet',
    about: 'Er is geen vergadering met deze id (lid `meetingId`). GET /meetings toont de vergaderingen.',
  },
  'subscription-not-found': {
    title: 'Dit abonnement bestaat niet',
    about: 'Uw partij heeft geen webhook-abonnement met deze id. GET /subscriptions toont uw abonnementen.',
  },
  'calendar-not-found': {
    title: 'Deze agenda bestaat niet',
    about:
      'Er is geen agenda-adres met deze id, of het is ingetrokken. Maak met POST /calendars een nieuw adres aan.',
  },
  'method-not-allowed': {
    title: 'Deze methode is hier niet toegestaan',
    about:
      'Het pad bestaat, maar niet voor deze HTTP-methode. De header Allow noemt de methoden die wel kunnen.',
  },
  'not-possible': {
    title: 'Niet mogelijk in de huidige fase',
    about:
      'De handeling past niet bij de fase waarin het voorstel nu is. De leden `phase` en `possibleActions` noemen de fase en wat nu wel kan.',
  },
  'vote-still-open': {
    title: 'Er loopt nog een stemming in deze vergadering',
    about:
      'De vergadering kan niet worden gesloten zolang een stemming openstaat (lid `proposalIds`). Sluit eerst de stemming.',
  },
  'meeting-closed': {
    title: 'De vergadering is gesloten',
    about:
      'De vergadering is gesloten; wat in die vergadering hoort, kan niet meer worden vastgelegd (art. 7.2: de bezwaartermijn is verstreken).',
  },
  'meeting-exists': {
    title: 'De vergadering bestaat al',
    about: 'Er is al een vergadering met deze id of op deze datum.',
  },
  'voting-closed': {
    title: 'Er is geen stemming geopend',
    about:
      'Een stem kan alleen worden uitgebracht of gewijzigd zolang de voorzitter de stemming niet heeft gesloten (art. 6.8, 6.9).',
  },
  'withdrawal-notice-exists': {
    title: 'De opzegging is al gedaan',
    about:
      'Deze partij heeft het convenant al opgezegd (leden `noticeOn` en `effectiveOn`); de opzegging gaat drie maanden later in.',
  },
  'no-withdrawal-notice': {
    title: 'Er is geen opzegging om in te trekken',
    about: 'Deze partij heeft het convenant niet opgezegd, of de opzegging is al ingegaan.',
  },
  'not-a-member': {
    title: 'Geen lid van het convenant',
    about:
      'Uw partij staat op deze dag niet in het register van het convenant (art. 10) en kan daarom niet deelnemen aan de besluitvorming.',
  },
  'release-entry-exists': {
    title: 'Deze versie staat al op de releasekalender',
    about: 'De releasekalender heeft al een regel voor deze standaard en versie (lid `existing`).',
  },
  'idempotency-key-in-use': {
    title: 'Een verzoek met deze Idempotency-Key loopt nog',
    about:
      'Een eerder verzoek met dezelfde Idempotency-Key is nog niet beantwoord. Wacht de tijd in de header Retry-After af en stuur het verzoek dan opnieuw.',
  },
  conflict: {
    title: 'Een gelijktijdige wijziging botst',
    about: 'De bron is gewijzigd terwijl dit verzoek liep. Lees de bron opnieuw en herhaal het verzoek.',
  },
  'precondition-failed': {
    title: 'De bron is gewijzigd sinds u haar las',
    about:
      'De header If-Match noemt een versie die niet meer actueel is (lid `current`). Lees de bron opnieuw en beslis dan.',
  },
  'payload-too-large': {
    title: 'Het verzoek is te groot',
    about: 'De body van het verzoek is groter dan de API aanneemt.',
  },
  'unsupported-media-type': {
    title: 'Stuur JSON',
    about: 'Deze route neemt alleen een body aan met Content-Type application/json.',
  },
  'idempotency-key-reuse': {
    title: 'Idempotency-Key hergebruikt voor een ander verzoek',
    about:
      'Deze Idempotency-Key hoort bij een ander verzoek. Gebruik voor elk nieuw verzoek een nieuwe sleutel.',
  },
  'attendance-quorum': {
    title: 'Niet alle Ketenpartijen zijn aanwezig',
    about:
      'Er wordt alleen gestemd als alle stemgerechtigde partijen (Ketenpartijen) aanwezig zijn (art. 6.9). Het lid `absent` noemt wie ontbreekt.',
  },
  'objection-blackout': {
    title: 'Geen bezwaar in de maand vóór de implementatiedatum',
    about: 'In de maand vóór de implementatiedatum kan geen bezwaar meer worden gemaakt (art. 7.4).',
  },
  'objection-window': {
    title: 'De bezwaartermijn is verstreken',
    about:
      'Bezwaar kan worden gemaakt tot de vergadering waarin het besluit is genomen, is gesloten (art. 7.1, 7.2).',
  },
  'objection-already-lodged': {
    title: 'Uw partij heeft al bezwaar gemaakt',
    about: 'Een Ketenpartij maakt één keer bezwaar tegen een besluit (art. 7.2).',
  },
  'vote-in-scheduled-meeting': {
    title: 'De stemming hoort bij de vergadering waarop het voorstel is geagendeerd',
    about: 'Een stemming wordt geopend in de vergadering waarop het voorstel is geagendeerd (art. 6.3, 6.9).',
  },
  'vote-by-voting-party': {
    title: 'Alleen Ketenpartijen stemmen',
    about: 'Alleen de stemgerechtigde partijen (Ketenpartijen) brengen een stem uit (art. 6.8).',
  },
  'vote-by-member': {
    title: 'Alleen leden van het convenant stemmen',
    about: 'Alleen partijen die op de dag van de stemming in het register staan, stemmen (art. 6.8, 10).',
  },
  'duplicate-ballot': {
    title: 'Een partij stemt één keer, als één blok',
    about: 'Elke Ketenpartij brengt al haar stemmen uit als één blok (art. 6.8).',
  },
  'missing-ballots': {
    title: 'Nog niet alle aanwezige Ketenpartijen hebben gestemd',
    about:
      'De stemming kan pas worden gesloten als elke aanwezige Ketenpartij heeft gestemd, of als `missingBallots` zegt hoe de ontbrekende stemmen worden vastgelegd (art. 6.9). Het lid `missing` noemt de partijen.',
  },
  'ballot-in-the-room': {
    title: 'Deze partij was niet aanwezig bij de stemming',
    about:
      'De voorzitter legt alleen de stem vast van een partij die aanwezig was toen de stemming werd geopend (art. 6.9).',
  },
  'accountability-for-abstention': {
    title: 'Deze partij heeft zich niet onthouden',
    about:
      'Alleen een partij die zich bij de laatste stemming van stemming heeft onthouden, kan worden gevraagd haar onthouding te verantwoorden (voetnoot 13).',
  },
  'accountability-not-asked': {
    title: 'Er is geen verantwoording gevraagd',
    about: 'De voorzitter heeft deze partij niet gevraagd haar onthouding te verantwoorden (voetnoot 13).',
  },
  'deadline-passed': {
    title: 'De termijn voor deze stap is verstreken',
    about:
      'De termijn voor deze stap is voorbij; zonder tijdige schriftelijke argumenten vervalt het bezwaar (art. 7.3).',
  },
  'decision-text': {
    title: 'Deze tekst kan niet worden aangenomen',
    about:
      'Bij heroverweging kan de oorspronkelijke tekst of het alternatieve voorstel van een bezwaarmaker worden aangenomen (art. 7.4).',
  },
  'note-already-approved': {
    title: 'De begeleidende notitie is al goedgekeurd',
    about: 'Elke bezwaarmaker keurt een versie van de begeleidende notitie één keer goed (art. 7.5).',
  },
  'meeting-not-held': {
    title: 'De vergadering is nog niet gehouden',
    about:
      'Aanwezigheid, consensus en stemming worden vastgelegd op of na de dag van de vergadering (art. 6.3).',
  },
  'strategy-deadline': {
    title: 'De implementatiestrategie is uiterlijk één maand vóór de implementatiedatum gereed',
    about:
      'De implementatiestrategie moet ten minste één maand vóór de implementatiedatum gereed zijn (art. 7.4).',
  },
  'invalid-register-change': {
    title: 'De wijziging zou het register ongeldig maken',
    about: 'Na deze wijziging zou het partijenregister niet meer voldoen aan het convenant (art. 9.2, 9.4).',
  },
  'not-a-signatory': {
    title: 'Alleen de partijen van het register op de dag van het voorstel ondertekenen',
    about:
      'Een wijziging van het convenant wordt ondertekend door de partijen die in het register stonden op de dag dat de wijziging werd voorgesteld (art. 9.2).',
  },
  'change-effective-date': {
    title: 'Een wijziging gaat in op een latere dag dan waarop zij wordt voorgesteld',
    about:
      'De ingangsdatum van een wijziging van het convenant ligt na de dag waarop zij wordt voorgesteld (art. 9.2).',
  },
  'too-many-open-proposals': {
    title: 'Te veel openstaande voorstellen',
    about:
      'Uw partij heeft het maximale aantal openstaande agendapunten bereikt (leden `open` en `limit`). Wacht tot er een is afgehandeld.',
  },
  'too-many-requests': {
    title: 'Te veel verzoeken',
    about: 'U stuurt meer verzoeken dan de API toestaat. Wacht de tijd in de header Retry-After af.',
  },
  'internal-error': {
    title: 'Interne fout',
    about: 'Het verzoek is onverwacht mislukt. Noem de correlatie-id (lid `correlationId`) als u dit meldt.',
  },
  'concurrent-update': {
    title: 'Te veel gelijktijdige wijzigingen',
    about:
      'Het voorstel werd tegelijk door andere verzoeken gewijzigd. Wacht de tijd in de header Retry-After af en herhaal het verzoek.',
  },
  'web-app-not-built': {
    title: 'De webapplicatie is niet gebouwd',
    about: 'De lokale omgeving vindt de gebouwde webapplicatie niet; bouw haar eerst.',
  },
};

/** The problemDetails texts (Dutch); an entry imports only the sections it uses (issue 16). */
export const nlProblemDetails: Messages['problemDetails'] = {
  fromCore: (slug) => nlProblems[slug].about,
  covenantRule: (slug, article, _reason, facts) =>
    `${nlProblems[slug].about} (Regel van het convenant, art. ${article}.)${factsNl(facts)}`,
  invalidRequest: (fields) =>
    fields.length > 0
      ? `Het verzoek voldoet niet aan de specificatie; ongeldig: ${list(fields)}. Het lid \`errors\` noemt per veld wat er niet klopt.`
      : nlProblems['invalid-request'].about,
  proposalNotFound: (id) => `Er is geen voorstel ${id}.`,
  meetingNotFound: (id) => `Er is geen vergadering ${id}.`,
  meetingClosed: (id) => `Vergadering ${id} is gesloten.`,
  votingClosed: (round, id, opened) =>
    `Stemronde ${round} van voorstel ${id} ${opened ? 'is gesloten' : 'is nooit geopend'}.`,
  notPossible: (phase, possible) =>
    `Dit kan niet in de fase ${phase}; nu mogelijk: ${possible.join(', ') || 'niets'}.`,
  proposalChanged: 'Het voorstel is gewijzigd terwijl dit verzoek liep; herhaal het verzoek.',
  concurrentChange: 'Het verzoek botst met een gelijktijdige wijziging; herhaal het verzoek.',
  internalError: 'Het verzoek is onverwacht mislukt; noem de correlatie-id als u dit meldt.',
  methodNotAllowed: (path, allowed, method) => `${path} beantwoordt ${allowed.join(', ')}, niet ${method}.`,
  noSuchRoute: (method, path) => `${method} ${path} is geen route van deze API; zie GET /openapi.json.`,
  noSuchProblemType: (slug) => `Deze API kent geen probleemtype ${slug}; zie GET /problems.`,
};

/** The problemPages texts (Dutch); an entry imports only the sections it uses (issue 16). */
export const nlProblemPages: Messages['problemPages'] = {
  indexTitle: 'Probleemtypen van de API',
  indexIntro:
    'Een geweigerd verzoek krijgt een antwoord in application/problem+json (RFC 9457). Het lid `type` verwijst naar een van deze pagina’s; `title` en `detail` zijn in het Nederlands, of in het Engels met Accept-Language: en.',
  pageTitle: (title) => `Probleemtype: ${title}`,
  status: (status) => `HTTP-status: ${status}`,
  typeUri: (uri) => `type: ${uri}`,
  members:
    'Elk probleem heeft de leden type, title, status, detail, instance en correlationId; dit type kan leden toevoegen zoals hierboven genoemd.',
  backToIndex: 'Alle probleemtypen: GET /problems',
};

/** The next texts (Dutch); an entry imports only the sections it uses (issue 16). */
export const nlNext: Messages['next'] = {
  submitted: () =>
    'ZIN werkt het agendapunt uit tot een voorstel (art. 6.2); daarna wordt het op de agenda van een vergadering gezet.',
  ready: (f) =>
    f.paused
      ? 'De aanbiedersorganisaties hebben de besluitvorming opgeschort om eerst onderling overeenstemming te bereiken (voetnoot 11); ZIN zet het voorstel opnieuw op de agenda van een vergadering.'
      : 'ZIN zet het voorstel op de agenda van een vergadering (art. 6.3).',
  scheduled: (f) =>
    `De stuurgroep bespreekt het voorstel in ${meetingOn(f)}: eerst wordt consensus gezocht (art. 6.7); zonder consensus opent de voorzitter ` +
    'een stemming, waarvoor alle Ketenpartijen aanwezig moeten zijn (art. 6.9). De aanbiedersorganisaties kunnen eerst om opschorting vragen (voetnoot 11).',
  voting: () =>
    'De stemming is geopend: elke Ketenpartij brengt haar stemmen als één blok uit en kan haar stem wijzigen tot de voorzitter de stemming sluit (art. 6.8, 6.9).',
  decided: (f) =>
    `${f.outcome === 'rejected' ? 'Verworpen' : 'Aangenomen'} ${f.via === 'vote' ? 'bij stemming' : 'bij consensus'}. ` +
    `Elke Ketenpartij kan bezwaar maken tot de voorzitter ${meetingOn(f)} sluit (art. 7.1, 7.2); ` +
    'wordt de vergadering gesloten zonder bezwaar, dan is het besluit van kracht.',
  'no-valid-decision': () =>
    'De stemming leverde geen geldig besluit op (art. 6.9): ZIN agendeert het voorstel opnieuw of legt het via escalatie voor aan VWS (art. 7.5); de stuurgroep kan het bij consensus afvoeren.',
  'awaiting-arguments': (f) =>
    `${f.awaiting.length > 0 ? list(f.awaiting) : 'De bezwaarmaker'} ${f.awaiting.length > 1 ? 'moeten' : 'moet'} schriftelijke argumenten en een oplossing of nieuw voorstel aan de andere leden sturen, elk binnen de eigen zes weken${by(f) || '.'} ` +
    'Anders vervalt dat bezwaar; staat er geen bezwaar meer, dan is het besluit van kracht (art. 7.3).',
  reconsideration: (f) =>
    f.deadline?.overdue
      ? `${overdueSince(f)}De stuurgroep bespreekt de argumenten nog en besluit bij consensus of stemming, of ZIN legt vast dat geen besluit is genomen (art. 7.4).`
      : `De stuurgroep bespreekt de argumenten en probeert opnieuw te besluiten${by(f) || '.'} Zonder besluit volgt escalatie van het bezwaar naar VWS (art. 7.4, 7.5).`,
  'reconsideration-voting': () =>
    'De stemming bij heroverweging is geopend tot de voorzitter haar sluit; zonder geldig besluit volgt escalatie van het bezwaar naar VWS (art. 7.4, 7.5).',
  'note-drafting': (f) =>
    f.noteReturned
      ? 'De bezwaarmaker heeft de begeleidende notitie teruggestuurd; ZIN herziet haar (art. 7.5).'
      : 'ZIN stelt de begeleidende notitie aan VWS op: de motivering van de escalatie en het gevraagde besluit (art. 7.5).',
  'note-approval': (f) =>
    `${f.toApprove.length > 0 ? list(f.toApprove) : 'De bezwaarmakers'} ${f.toApprove.length === 1 ? 'moet' : 'moeten'} de begeleidende notitie goedkeuren voordat zij naar VWS gaat, of haar met opmerkingen terugsturen (art. 7.5).`,
  ministry: (f) =>
    f.deadline?.overdue
      ? `${overdueSince(f)}VWS overlegt nog met de betrokken partijen onder voorzitterschap van ZIN, en ZIN legt de uitkomst vast (art. 7.6).`
      : `VWS overlegt met de betrokken partijen onder voorzitterschap van ZIN${by(f) || '.'} ZIN legt de uitkomst vast (art. 7.6).`,
  dglz: () => 'De DGLZ van VWS neemt het eindbesluit, waaraan de partijen zich committeren (art. 7.6).',
  closed: (f) => {
    const outcome = outcomeNl(f.outcome);
    if (f.objectionResult === 'lapsed')
      return `Het bezwaar is vervallen zonder schriftelijke argumenten (art. 7.3): het besluit (${outcome}) is van kracht.`;
    if (f.objectionResult === 'withdrawn')
      return `Het bezwaar is ingetrokken: het besluit (${outcome}) is van kracht.`;
    return `Het besluit (${outcome}, ${viaNl(f.via)}) is van kracht; er volgt niets meer.`;
  },
  withdrawn: () => 'Het voorstel is ingetrokken; er volgt niets meer.',
  dropped: () => 'Het voorstel is afgevoerd zonder geldig besluit; er volgt niets meer.',
};

/** The tally texts (Dutch); an entry imports only the sections it uses (issue 16). */
export const nlTally: Messages['tally'] = {
  summary,
  rule:
    'Er wordt alleen gestemd als alle Ketenpartijen aanwezig zijn (art. 6.9). Elke Ketenpartij brengt al haar ' +
    'stemmen als één blok uit (art. 6.8). Een geldig besluit vraagt ten minste de helft van de uitgebrachte stemmen, ' +
    'naar beneden afgerond, plus één: met zoveel stemmen voor is het voorstel aangenomen, met zoveel tegen verworpen; ' +
    'anders is er geen geldig besluit (art. 6.9).',
  policyNote: (countsAsCast) =>
    countsAsCast
      ? 'Onthoudingen tellen hier als uitgebrachte stemmen en verhogen dus het aantal stemmen dat een besluit vraagt. ' +
        'Dit is de andere lezing van art. 6.9, gekozen bij beleid: voetnoot 13 waarschuwt dat onthouding niet zonder ' +
        'gevolgen is, en een onthouding kan een besluit alleen verhinderen als zij als uitgebracht telt. De voorzitter ' +
        'kan een partij die zich onthoudt vragen haar onthouding te verantwoorden.'
      : 'Onthoudingen tellen niet als uitgebrachte stemmen: art. 6.9 telt de uitgebrachte stemmen, een partij die zich ' +
        'onthoudt "onthoudt zich van een stemming", en het Nederlandse recht behandelt een blanco stem meestal als niet ' +
        'uitgebracht. Alleen de stemmen voor en tegen bepalen het aantal dat een besluit vraagt; de andere lezing staat ' +
        'ernaast. Voetnoot 13: onthouding is niet zonder gevolgen; de voorzitter kan een partij die zich onthoudt vragen ' +
        'haar onthouding te verantwoorden.',
};

/** The calendar texts (Dutch); an entry imports only the sections it uses (issue 16). */
export const nlCalendar: Messages['calendar'] = {
  name: 'Stuurgroep iStandaarden sociaal domein',
  deadlineTitle: (kind, title) =>
    `Termijn (${{ arguments: 'argumenten', reconsideration: 'heroverweging', ministry: 'ministerie' }[kind]}): ${title}`,
  deadlineDescription: (kind, lastDay, due, url) =>
    `${
      {
        arguments:
          'Schriftelijke argumenten en een oplossing of nieuw voorstel moeten binnen zijn (art. 7.3); anders vervalt het bezwaar',
        reconsideration: 'De stuurgroep heroverweegt het besluit (art. 7.4)',
        ministry: 'VWS overlegt met de betrokken partijen (art. 7.6)',
      }[kind]
    }. Uiterlijk aan het eind van ${day(lastDay)} (Europe/Amsterdam), ${due}. ${url}`,
  meetingTitle: (title) => `Vergadering van de stuurgroep${title ? `: ${title}` : ''}`,
  meetingDescription: (closed, url) => `${closed ? 'Gehouden en gesloten' : 'Gepland'}. Agenda: ${url}`,
  inAWeek: (title) => `Over een week: ${title}`,
  tomorrow: (title) => `Morgen: ${title}`,
};

export const nl: Messages = {
  language: 'nl',
  problems: nlProblems,
  problemDetails: nlProblemDetails,
  problemPages: nlProblemPages,
  next: nlNext,
  tally: nlTally,
  calendar: nlCalendar,
};

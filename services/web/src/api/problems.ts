/** Plain Norwegian for what went wrong: by the problem's `code` first, then by its kind. */
import { ApiError } from './client';

/** The institution service's domain error codes (services/institution-service institution.exception.ts). */
const BY_CODE: Record<string, string> = {
  INSTITUTION_NOT_FOUND: 'Fant ikke institusjonen.',
  UNIT_NOT_FOUND: 'Fant ikke enheten.',
  UNIT_CLOSED: 'Enheten er lagt ned og kan ikke endres.',
  UNIT_NOT_EMPTY: 'Enheten har fortsatt beboere.',
  NO_AVAILABLE_PLACE:
    'Det er ingen ledig plass på enheten. Du kan skrive inn likevel hvis det er besluttet overbelegg.',
  STAY_NOT_FOUND: 'Fant ikke oppholdet på denne enheten. Sjekk opphold-ID-en.',
  STAY_ALREADY_DISCHARGED: 'Oppholdet er allerede avsluttet.',
  BLOCK_NOT_FOUND: 'Fant ikke sperringen.',
  BLOCK_ALREADY_RELEASED: 'Sperringen er allerede opphevet.',
  TOO_MANY_BLOCKED: 'Du kan ikke sperre flere plasser enn enheten har.',
  CAPACITY_BELOW_BLOCKED: 'Antall plasser kan ikke være lavere enn antall sperrede plasser.',
  RESERVATION_NOT_FOUND: 'Fant ikke reservasjonen.',
  RESERVATION_NOT_ACTIVE: 'Reservasjonen gjelder ikke lenger.',
  RESERVATION_MISMATCH: 'Reservasjonen hører ikke til denne enheten eller bydelen.',
  INVALID_VALUE: 'En av verdiene er ugyldig.',
  IF_MATCH_REQUIRED: 'Tellingen mangler versjonen den bygger på. Last siden på nytt og prøv igjen.',
  SEQUENCE_MISMATCH:
    'Tallene for enheten er endret siden du hentet dem. Se over de oppdaterte tallene og send på nytt.',
  NOT_YOUR_INSTITUTION: 'Du har ikke tilgang til denne institusjonen.',
  NOT_YOUR_DISTRICT: 'Du har ikke tilgang til denne bydelen.',
  NAME_TAKEN: 'Navnet er allerede i bruk. Velg et annet navn.',
  UNIT_NOT_CLOSED: 'Enheten er i drift og kan ikke gjenåpnes.',
  OUTSIDE_BACKDATE_WINDOW:
    'Tidspunktet er lenger tilbake enn du kan føre. Be en administrator registrere det.',
  STAY_NOT_DISCHARGED: 'Oppholdet er ikke avsluttet, så utskrivingstidspunktet kan ikke rettes.',
  BLOCK_NOT_RELEASED: 'Sperringen er ikke opphevet, så slutten kan ikke rettes.',
  // The housing service's (libs/contracts/src/rest/housing.ts)
  HOUSING_UNIT_NOT_FOUND: 'Fant ikke boligen.',
  LABEL_TAKEN: 'Bydelen har allerede en bolig med denne referansen. Velg en annen.',
  STATUS_UNCHANGED: 'Boligen har allerede denne statusen.',
  STATUS_TRANSITION_NOT_ALLOWED: 'Boligen kan ikke gå direkte fra nåværende status til den valgte.',
  STATUS_REQUEST_INVALID:
    'Statusendringen mangler noe: årsak når boligen blir utilgjengelig, utløpstid når den reserveres.',
  IDEMPOTENCY_KEY_REUSED: 'Handlingen ble sendt to ganger med ulikt innhold. Prøv igjen.',
  INVALID_TOKEN_REQUEST: 'Innloggingen mangler bydel eller institusjon for rollen.',
  ALERT_NOT_FOUND: 'Fant ikke varselet.',
  UNKNOWN_SCOPE: 'Det er ikke registrert plasser for dette utvalget ennå, så det har ingen historikk.',
  // The intake service's (felles inntak, libs/contracts/src/rest/intake.ts)
  NOT_INTAKE: 'Bare Felles inntak kan gjøre dette.',
  REFERRAL_NOT_FOUND: 'Fant ikke henvisningen.',
  REFERRAL_CLOSED: 'Henvisningen er avsluttet (innskrevet eller trukket).',
  REFERRAL_NOT_WAITING: 'Henvisningen venter ikke lenger: den har allerede fått tilbud om plass.',
  NO_FREE_PLACE: 'Enheten har ingen ledig plass nå. Velg en annen enhet.',
  UNIT_DOES_NOT_FIT: 'Enheten passer ikke henvisningen (kategori eller behov).',
  INVALID_EXPIRY: 'Fristen må være fram i tid, og høyst 14 dager fram.',
  OFFER_NOT_FOUND: 'Fant ikke tilbudet.',
  OFFER_NOT_OPEN: 'Tilbudet er allerede besvart eller utløpt.',
  // Purchased places (libs/contracts/src/rest/purchases.ts)
  PURCHASE_NOT_FOUND: 'Fant ikke kjøpet.',
  PURCHASE_ALREADY_ENDED: 'Kjøpet er allerede avsluttet.',
  INVALID_PURCHASE_END: 'Siste dag kan ikke være før kjøpets første dag.',
  ALERT_RESOLVED: 'Varselet er allerede løst og kan ikke kvitteres.',
  NOT_ALLOWED_TO_ACKNOWLEDGE: 'Du kan ikke kvittere for dette varselet med rollen du er logget inn med.',
  // Notifications (capacity service, libs/contracts/src/rest/notifications.ts)
  NOTIFICATION_SCOPE_NOT_ALLOWED:
    'Rollen din kan ikke få varsler for dette området. Velg et område du har ansvar for.',
  INVALID_WEBHOOK_URL:
    'Adressen kan ikke brukes: den må begynne med https:// eller http://, og interne adresser er ikke tillatt i drift.',
  SUBSCRIPTION_NOT_FOUND: 'Fant ikke varslingen. Den kan allerede være slettet.',
};

/** A sentence for the user; `what` names the thing that could not be fetched or done ("Varsler"). */
export function norwegianMessage(error: unknown, what = 'Dette'): string {
  if (!(error instanceof ApiError)) {
    return 'Noe gikk galt i nettleseren. Last siden på nytt og prøv igjen.';
  }
  if (error.code && BY_CODE[error.code]) return BY_CODE[error.code];
  switch (error.kind) {
    case 'not-available':
      return `${what} er ikke tilgjengelig ennå.`;
    case 'unauthorized':
      return 'Økten er utløpt eller ugyldig. Logg inn på nytt.';
    case 'forbidden':
      return 'Du har ikke tilgang til dette med rollen du er logget inn med.';
    case 'not-found':
      return 'Fant ikke det du ba om. Det kan være slettet.';
    case 'conflict':
      return 'Handlingen passer ikke med tallene slik de er nå. Se over og prøv igjen.';
    case 'invalid':
      return 'Noe i skjemaet er ikke gyldig. Se over verdiene og prøv igjen.';
    case 'unavailable':
      return 'Tjenesten svarer ikke akkurat nå. Prøv igjen om litt.';
    case 'network':
      return 'Får ikke kontakt med serveren. Sjekk nettverket og prøv igjen.';
    case 'other':
      return 'Noe gikk galt på serveren. Prøv igjen, og kontakt support hvis det gjentar seg.';
  }
}

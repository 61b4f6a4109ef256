/**
 * The sign-in page. With OpenID Connect: one button to the organisation's login page. In development:
 * pick a role (and the district or institution it belongs to). Nothing else in the app differs.
 */
import { PktAlert, PktButton, PktSelect } from '@oslokommune/punkt-react';
import { listInstitutions, type InstitutionDto } from '@plass/contracts/rest';
import type { DistrictCode } from '@plass/domain';
import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiClient, ApiError } from '../api/client';
import { norwegianMessage } from '../api/problems';
import { DISTRICT_OPTIONS, ROLE_LABELS } from '../labels';
import { ROLES, type RedirectSignIn, type Role } from './auth-provider';
import { fetchDevToken } from './dev-auth-provider';
import { useSession } from './session';

const ROLE_HELP: Record<Role, string> = {
  'district-staff': 'Se ledige plasser, boliger og boligbehov for bydelen, og reservere plasser',
  'institution-staff': 'Registrere inn- og utskrivning, sperringer og tellinger for institusjonen',
  intake: 'Se alt og reservere plasser for alle bydeler',
  admin: 'Forvalte registeret over institusjoner og enheter',
};

type InstitutionList =
  { status: 'loading' } | { status: 'ok'; list: InstitutionDto[] } | { status: 'error'; error: unknown };

/** The registry needs a token: the sign-in page reads it with a short-lived intake token. */
async function loadInstitutions(): Promise<InstitutionDto[]> {
  const token = await fetchDevToken({ role: 'intake' });
  const list = await new ApiClient(token).call(listInstitutions, {});
  return [...list].sort((a, b) => a.name.localeCompare(b.name, 'nb'));
}

export default function SignInPage() {
  const { provider } = useSession();
  useEffect(() => {
    document.title = 'Logg inn – Plassoversikt';
  }, []);
  return provider.kind === 'oidc' ? <OrganisationSignIn provider={provider} /> : <DevelopmentSignIn />;
}

function Intro() {
  const { signedOutReason } = useSession();
  return (
    <>
      <h1>Plassoversikt</h1>
      <p className="pkt-txt-18-light">
        Ledige plasser i rusinstitusjoner og boliger med oppfølging i Oslo kommune.
      </p>
      {signedOutReason && (
        <PktAlert skin="warning" compact role="status">
          {signedOutReason}
        </PktAlert>
      )}
    </>
  );
}

/** Off to the organisation's login page; the callback route brings the user back to `?til=`. */
function OrganisationSignIn({ provider }: { provider: RedirectSignIn }) {
  const [params] = useSearchParams();
  const [leaving, setLeaving] = useState(false);
  const [failed, setFailed] = useState(false);

  function start() {
    setLeaving(true);
    setFailed(false);
    provider.signInRedirect(params.get('til')).catch(() => {
      setLeaving(false);
      setFailed(true);
    });
  }

  return (
    <main id="innhold" className="sign-in">
      <Intro />
      <div className="stack">
        <p>Du logger inn med brukeren du har i Oslo kommune.</p>
        {failed && (
          <PktAlert skin="error" compact role="alert">
            Innloggingstjenesten svarer ikke akkurat nå. Prøv igjen om litt.
          </PktAlert>
        )}
        <div>
          <PktButton type="button" onClick={start} disabled={leaving} aria-busy={leaving || undefined}>
            {leaving ? 'Sender deg til innloggingen …' : 'Logg inn med Oslo kommune-konto'}
          </PktButton>
        </div>
      </div>
    </main>
  );
}

function DevelopmentSignIn() {
  const { signIn } = useSession();
  const [role, setRole] = useState<Role>('district-staff');
  const [districtCode, setDistrictCode] = useState<DistrictCode>('030103');
  const [institutionId, setInstitutionId] = useState('');
  const [institutions, setInstitutions] = useState<InstitutionList>({ status: 'loading' });
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (role !== 'institution-staff' || institutions.status === 'ok') return;
    let cancelled = false;
    loadInstitutions().then(
      (list) => {
        if (cancelled) return;
        setInstitutions({ status: 'ok', list });
        setInstitutionId((current) => current || list[0]?.id || '');
      },
      (loadError: unknown) => !cancelled && setInstitutions({ status: 'error', error: loadError }),
    );
    return () => {
      cancelled = true;
    };
  }, [role, institutions.status]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      // Signed in, the app leaves /logg-inn for ?til= or the role's start page (App.tsx).
      await signIn({
        role,
        ...(role === 'district-staff' ? { districtCode } : {}),
        ...(role === 'institution-staff' ? { institutionIds: [institutionId] } : {}),
      });
    } catch (signInError) {
      setError(signInError);
      setSubmitting(false);
    }
  }

  const needsInstitution = role === 'institution-staff';
  const canSubmit = !submitting && (!needsInstitution || institutionId !== '');

  return (
    <main id="innhold" className="sign-in">
      <Intro />
      <form onSubmit={(event) => void submit(event)} className="stack" aria-describedby="sign-in-note">
        <p id="sign-in-note" className="muted">
          Innlogging for utvikling og demo: velg rollen du vil prøve. I drift logger du inn med Oslo kommunes
          innlogging.
        </p>
        <fieldset className="role-choice">
          <legend>Rolle</legend>
          {ROLES.map((value) => (
            <div key={value} className="pkt-input-check">
              <div className="pkt-input-check__input">
                <input
                  className="pkt-input-check__input-checkbox"
                  type="radio"
                  id={`role-${value}`}
                  name="role"
                  value={value}
                  checked={role === value}
                  onChange={() => setRole(value)}
                  aria-describedby={`role-${value}-help`}
                />
                <label className="pkt-input-check__input-label" htmlFor={`role-${value}`}>
                  {ROLE_LABELS[value]}
                  <span id={`role-${value}-help`} className="pkt-input-check__input-helptext">
                    {ROLE_HELP[value]}
                  </span>
                </label>
              </div>
            </div>
          ))}
        </fieldset>

        {role === 'district-staff' && (
          <PktSelect
            id="sign-in-district"
            label="Bydel"
            value={districtCode}
            onChange={(event) => setDistrictCode(event.target.value as DistrictCode)}
          >
            {DISTRICT_OPTIONS.filter((d) => d.value !== 'utenbys').map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </PktSelect>
        )}

        {needsInstitution && institutions.status === 'loading' && (
          <p className="muted" role="status">
            Henter institusjoner …
          </p>
        )}
        {needsInstitution && institutions.status === 'error' && (
          <PktAlert skin="error" compact role="alert">
            {norwegianMessage(institutions.error, 'Institusjonslisten')}
          </PktAlert>
        )}
        {needsInstitution && institutions.status === 'ok' && institutions.list.length === 0 && (
          <PktAlert skin="info" compact role="status">
            Ingen institusjoner er registrert ennå.
          </PktAlert>
        )}
        {needsInstitution && institutions.status === 'ok' && institutions.list.length > 0 && (
          <PktSelect
            id="sign-in-institution"
            label="Institusjon"
            value={institutionId}
            onChange={(event) => setInstitutionId(event.target.value)}
          >
            {institutions.list.map((institution) => (
              <option key={institution.id} value={institution.id}>
                {institution.name}
              </option>
            ))}
          </PktSelect>
        )}

        {error !== null && (
          <PktAlert skin="error" compact role="alert">
            {error instanceof ApiError && error.kind === 'not-available'
              ? 'Innlogging for utvikling er slått av på denne serveren.'
              : norwegianMessage(error, 'Innloggingen')}
          </PktAlert>
        )}
        <div>
          <PktButton type="submit" disabled={!canSubmit} aria-busy={submitting || undefined}>
            {submitting ? 'Logger inn …' : 'Logg inn'}
          </PktButton>
        </div>
      </form>
    </main>
  );
}

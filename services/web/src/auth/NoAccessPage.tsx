/**
 * A valid login without any of Plassoversikt's roles: the person is in the organisation's directory but
 * has not been given access. Said plainly, with what to do, instead of an error or an empty dashboard.
 */
import { PktButton } from '@oslokommune/punkt-react';
import { useEffect } from 'react';
import { useSession } from './session';

export default function NoAccessPage() {
  const { signOut } = useSession();

  useEffect(() => {
    document.title = 'Ingen tilgang – Plassoversikt';
  }, []);

  return (
    <main id="innhold" className="sign-in">
      <p className="pkt-txt-18-light">Plassoversikt</p>
      <h1>Du har ingen tilgang i Plassoversikt</h1>
      <div className="stack">
        <p>Du er logget inn, men brukeren din har ikke fått en rolle i Plassoversikt.</p>
        <p>
          Kontakt administratoren for Plassoversikt i virksomheten din og be om tilgang. Si hvilken
          institusjon eller bydel du jobber for, så får du riktig rolle. Logg inn på nytt når du har fått
          beskjed om at tilgangen er gitt.
        </p>
        <div>
          <PktButton type="button" skin="secondary" onClick={() => signOut()}>
            Logg ut
          </PktButton>
        </div>
      </div>
    </main>
  );
}

/** Skip link, header with the menu, the connection status and who is signed in, and the main landmark. */
import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import { useRequiredSession, useSession } from '../auth/session';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { Button } from '../components/shell';
import { districtLabel, ROLE_LABELS } from '../labels';
import { navItemsFor } from './navigation';

export function Layout({ children }: { children: ReactNode }) {
  const session = useRequiredSession();
  const { signOut } = useSession();
  const { user } = session;
  const who = [
    user.roles.map((role) => ROLE_LABELS[role]).join(', '),
    user.districtCode ? districtLabel(user.districtCode) : null,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <>
      <a className="skip-link" href="#innhold">
        Hopp til innholdet
      </a>
      <header className="site-header">
        <div className="site-header__bar">
          <p className="site-header__brand">
            <span className="site-header__owner">Oslo kommune</span>
            <span className="site-header__name">Plassoversikt</span>
          </p>
          <ConnectionStatus />
          <div className="site-header__user">
            <span>
              <span className="pkt-sr-only">Innlogget som </span>
              {who}
            </span>
            <Button skin="tertiary" size="small" onClick={() => signOut()}>
              Logg ut
            </Button>
          </div>
        </div>
        <nav aria-label="Hovedmeny" className="site-nav">
          <ul>
            {navItemsFor(user).map((item) => (
              <li key={item.path}>
                <NavLink to={item.path} end={item.path === '/'}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="innhold" className="site-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          Plassoversikt viser tall uten personopplysninger: opphold har bare en tilfeldig ID, henvisende bydel
          og datoer.
        </p>
      </footer>
    </>
  );
}

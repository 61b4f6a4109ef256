/**
 * Skip link, header with the menu, the connection status and who is signed in, and the main landmark.
 * Below 640 px the header is one line (name, status, «Meny») and the menu with who is signed in opens
 * as a disclosure under it (ADR 0188), so the page's own content starts in the first screen.
 */
import { useRef, useState, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { useRequiredSession, useSession } from '../auth/session';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { Button } from '../components/shell';
import { districtLabel, ROLE_LABELS } from '../labels';
import { matchesExactly, navItemsFor } from './navigation';

function SignedIn({ who, className, onSignOut }: { who: string; className: string; onSignOut: () => void }) {
  return (
    <div className={`site-header__user ${className}`}>
      <span>
        <span className="pkt-sr-only">Innlogget som </span>
        {who}
      </span>
      <Button skin="tertiary" size="small" onClick={onSignOut}>
        Logg ut
      </Button>
    </div>
  );
}

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

  // The phone's menu: closed on every new page, and closed by Escape with focus back on its button.
  const [menuOpen, setMenuOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  const [menuPath, setMenuPath] = useState(pathname);
  if (menuPath !== pathname) {
    setMenuPath(pathname);
    setMenuOpen(false);
  }

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
          <SignedIn who={who} className="site-header__user--bar" onSignOut={() => signOut()} />
          <button
            ref={toggle}
            type="button"
            className="pkt-btn pkt-btn--small pkt-btn--secondary pkt-btn--label-only site-header__menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="site-menu"
            data-testid="menu-toggle"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span className="pkt-btn__text">{menuOpen ? 'Lukk meny' : 'Meny'}</span>
          </button>
        </div>
        <div
          id="site-menu"
          className={`site-menu${menuOpen ? ' site-menu--open' : ''}`}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && menuOpen) {
              setMenuOpen(false);
              toggle.current?.focus();
            }
          }}
        >
          <nav aria-label="Hovedmeny" className="site-nav">
            <ul>
              {navItemsFor(user).map((item) => (
                <li key={item.path}>
                  <NavLink to={item.path} end={matchesExactly(item.path)}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <SignedIn who={who} className="site-header__user--menu" onSignOut={() => signOut()} />
        </div>
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

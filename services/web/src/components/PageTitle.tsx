/** The page's h1 and document title; focus moves to it after a route change so screen readers hear the new page. */
import { useEffect, useRef } from 'react';

export function PageTitle({ children, lead }: { children: string; lead?: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} – Plassoversikt`;
    // Not on the first page load: the browser starts at the top anyway.
    if (document.activeElement && document.activeElement !== document.body) heading.current?.focus();
  }, [children]);
  return (
    <header className="page-title">
      <h1 ref={heading} tabIndex={-1}>
        {children}
      </h1>
      {lead && <p className="pkt-txt-18-light">{lead}</p>}
    </header>
  );
}

/**
 * Punkt's button, tag and alert as plain markup with Punkt's CSS classes, for the parts every page
 * shows (header, overview, error states). @oslokommune/punkt-react ships as one module of ~280 kB
 * with its web components, which the bundler cannot split; pages with forms load it on demand, and
 * the first screen does not wait for it (docs/decisions/0061).
 */
import type { ButtonHTMLAttributes, HTMLAttributes, ReactNode } from 'react';
import errorIcon from '@oslokommune/punkt-assets/dist/icons/alert-error.svg?raw';
import infoIcon from '@oslokommune/punkt-assets/dist/icons/alert-information.svg?raw';
import successIcon from '@oslokommune/punkt-assets/dist/icons/alert-success.svg?raw';
import warningIcon from '@oslokommune/punkt-assets/dist/icons/alert-warning.svg?raw';

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  skin?: 'primary' | 'secondary' | 'tertiary';
  size?: 'small' | 'medium' | 'large';
};

export function Button({
  skin = 'primary',
  size = 'medium',
  className,
  children,
  type = 'button',
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={['pkt-btn', `pkt-btn--${size}`, `pkt-btn--${skin}`, 'pkt-btn--label-only', className]
        .filter(Boolean)
        .join(' ')}
    >
      <span className="pkt-btn__text">{children}</span>
    </button>
  );
}

export function Tag({
  skin,
  size = 'small',
  children,
}: {
  skin: 'blue' | 'blue-light' | 'blue-dark' | 'green' | 'red' | 'beige' | 'yellow' | 'grey';
  size?: 'small' | 'medium' | 'large';
  children: ReactNode;
}) {
  return <span className={`pkt-tag pkt-tag--${size} pkt-tag--${skin}`}>{children}</span>;
}

const ICONS = { error: errorIcon, info: infoIcon, success: successIcon, warning: warningIcon };

export function Notice({
  skin,
  children,
  role = skin === 'error' ? 'alert' : 'status',
  ...rest
}: HTMLAttributes<HTMLDivElement> & { skin: 'error' | 'info' | 'success' | 'warning'; children: ReactNode }) {
  return (
    <div {...rest} role={role} className={`pkt-alert pkt-alert--compact pkt-alert--${skin}`}>
      <div className="pkt-alert__grid pkt-alert__noTitle pkt-alert__noDate">
        <span
          className="pkt-icon pkt-alert__icon"
          aria-hidden="true"
          dangerouslySetInnerHTML={{ __html: ICONS[skin] }}
        />
        <div className="pkt-alert__text">{children}</div>
      </div>
    </div>
  );
}

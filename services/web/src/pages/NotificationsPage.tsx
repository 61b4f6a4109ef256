/**
 * Varslinger: alerts that reach people outside the dashboard (ARCHITECTURE.md §11, ADR 0175–0177). Each
 * person subscribes their own e-mail address to alert types within their role's scope; intake, admin and
 * district staff register the organisation's webhooks and follow each one's delivery log.
 */
import { PktButton, PktCheckbox, PktSelect, PktTextinput } from '@oslokommune/punkt-react';
import {
  createEmailSubscription,
  createWebhook,
  deleteEmailSubscription,
  deleteWebhook,
  listCapacityUnits,
  listEmailSubscriptions,
  listWebhookDeliveries,
  listWebhooks,
  type EmailSubscription,
  type NotificationScope,
  type Webhook,
  type WebhookDelivery,
} from '@plass/contracts/rest';
import { ALERT_CODES, type AlertCode } from '@plass/domain';
import { useRef, useState, type FormEvent } from 'react';
import { norwegianMessage } from '../api/problems';
import { useResource } from '../api/use-resource';
import { useApi, useRequiredSession } from '../auth/session';
import type { SessionUser } from '../auth/auth-provider';
import { PageTitle } from '../components/PageTitle';
import { ResourceView } from '../components/Resource';
import { Notice, Tag } from '../components/shell';
import { formatDateTime } from '../format';
import {
  ALERT_CODE_LABELS,
  CATEGORY_OPTIONS,
  categoryName,
  DISTRICT_OPTIONS,
  districtLabel,
} from '../labels';
import './notifications.css';
import { ChoiceSelect } from '../components/ChoiceSelect';

type Message = { ok: boolean; text: string } | null;

interface ScopeOption {
  value: string;
  label: string;
  scope: NotificationScope;
}

const has = (user: SessionUser, role: SessionUser['roles'][number]) => user.roles.includes(role);

export const mayUseWebhooks = (user: SessionUser): boolean =>
  has(user, 'intake') || has(user, 'admin') || has(user, 'district-staff');

const CITY: ScopeOption = { value: 'city', label: 'Hele byen', scope: { type: 'city' } };

const categoryOptions = (): ScopeOption[] =>
  CATEGORY_OPTIONS.map((o) => ({
    value: `category:${o.value}`,
    label: `Tjenestekategori: ${o.label}`,
    scope: { type: 'category', id: o.value },
  }));

const districtOption = (code: string, label: string): ScopeOption => ({
  value: `district:${code}`,
  label: `Bydel ${label}`,
  scope: { type: 'district', id: code },
});

function institutionOptions(user: SessionUser, institutionNames: Map<string, string>): ScopeOption[] {
  return user.institutionIds.map((id) => ({
    value: `institution:${id}`,
    label: `Institusjon ${institutionNames.get(id) ?? 'uten navn'}`,
    scope: { type: 'institution', id },
  }));
}

/** The scopes a person may subscribe their e-mail to (the service checks the same, ADR 0176). */
export function emailScopeOptions(user: SessionUser, institutionNames: Map<string, string>): ScopeOption[] {
  if (has(user, 'admin')) {
    return [CITY, ...categoryOptions(), ...DISTRICT_OPTIONS.map((o) => districtOption(o.value, o.label))];
  }
  const options: ScopeOption[] = [];
  if (has(user, 'intake')) options.push(CITY, ...categoryOptions());
  if (has(user, 'district-staff') && user.districtCode) {
    options.push(districtOption(user.districtCode, districtLabel(user.districtCode)));
  }
  if (has(user, 'institution-staff')) {
    options.push(...institutionOptions(user, institutionNames));
  }
  return options;
}

/** The scopes of a webhook: any for intake and admin, the own district for district staff. */
export function webhookScopeOptions(user: SessionUser): ScopeOption[] {
  if (has(user, 'intake') || has(user, 'admin')) {
    return [CITY, ...DISTRICT_OPTIONS.map((o) => districtOption(o.value, o.label)), ...categoryOptions()];
  }
  return user.districtCode ? [districtOption(user.districtCode, districtLabel(user.districtCode))] : [];
}

export function scopeLabel(scope: NotificationScope, institutionNames: Map<string, string>): string {
  switch (scope.type) {
    case 'city':
      return 'Hele byen';
    case 'district':
      return `Bydel ${districtLabel(scope.id)}`;
    case 'category':
      return `Tjenestekategori: ${categoryName(scope.id)}`;
    case 'institution':
      return `Institusjon ${institutionNames.get(scope.id ?? '') ?? 'uten navn'}`;
    case 'unit':
      return 'Enhet';
  }
}

const codesText = (codes: readonly AlertCode[]) => codes.map((c) => ALERT_CODE_LABELS[c]).join(', ');

function StatusTag({ status }: { status: 'ok' | 'failing' }) {
  return status === 'ok' ? <Tag skin="green">Virker</Tag> : <Tag skin="red">Feiler</Tag>;
}

function lastDeliveryText(last: Webhook['lastDelivery']): string {
  if (!last) return 'Ingen ennå';
  const answer = last.statusCode === null ? '' : ` (svar ${last.statusCode})`;
  return `${formatDateTime(last.at)}: ${last.ok ? 'levert' : 'feilet'}${answer}`;
}

function CodeChoice({
  idPrefix,
  codes,
  onChange,
}: {
  idPrefix: string;
  codes: AlertCode[];
  onChange: (codes: AlertCode[]) => void;
}) {
  return (
    <fieldset className="plain-fieldset notify-codes">
      <legend>Varseltyper</legend>
      {ALERT_CODES.map((code) => (
        <PktCheckbox
          key={code}
          id={`${idPrefix}-code-${code}`}
          label={ALERT_CODE_LABELS[code]}
          checked={codes.includes(code)}
          onChange={(event) =>
            onChange(event.target.checked ? [...codes, code] : codes.filter((c) => c !== code))
          }
        />
      ))}
    </fieldset>
  );
}

function MessageArea({ message }: { message: Message }) {
  return (
    <div aria-live="polite">
      {message && (
        <Notice
          skin={message.ok ? 'success' : 'error'}
          data-testid={message.ok ? 'action-success' : 'action-error'}
        >
          <p>{message.text}</p>
        </Notice>
      )}
    </div>
  );
}

function EmailSection({ institutionNames }: { institutionNames: Map<string, string> }) {
  const api = useApi();
  const { user } = useRequiredSession();
  const subscriptions = useResource('email-subscriptions', (client, signal) =>
    client.call(listEmailSubscriptions, {}, { signal }),
  );
  const options = emailScopeOptions(user, institutionNames);
  const [address, setAddress] = useState('');
  const [codes, setCodes] = useState<AlertCode[]>([]);
  const [scopeValue, setScopeValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const chosen =
    options.find((o) => o.value === scopeValue) ?? (options.length === 1 ? options[0] : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!address.trim()) return setMessage({ ok: false, text: 'Skriv inn e-postadressen din.' });
    if (codes.length === 0) return setMessage({ ok: false, text: 'Velg minst én varseltype.' });
    if (!chosen) return setMessage({ ok: false, text: 'Velg hva varslene skal gjelde.' });
    setBusy(true);
    setMessage(null);
    try {
      await api.call(createEmailSubscription, {
        body: { address: address.trim(), codes, scope: chosen.scope },
      });
      setMessage({
        ok: true,
        text: `Du får nå e-post til ${address.trim()} om ${codesText(codes).toLowerCase()} for ${chosen.label.toLowerCase()}.`,
      });
      setCodes([]);
      subscriptions.reload();
    } catch (error) {
      setMessage({ ok: false, text: norwegianMessage(error, 'E-postvarsling') });
    } finally {
      setBusy(false);
    }
  }

  async function remove(subscription: EmailSubscription) {
    setMessage(null);
    try {
      await api.call(deleteEmailSubscription, { params: { id: subscription.id } });
      setMessage({ ok: true, text: `E-postvarslingen til ${subscription.address} er slettet.` });
      subscriptions.reload();
      heading.current?.focus();
    } catch (error) {
      setMessage({ ok: false, text: norwegianMessage(error, 'Sletting') });
    }
  }

  return (
    <section className="section" aria-labelledby="email-heading">
      <h2 id="email-heading" ref={heading} tabIndex={-1}>
        Mine e-postvarsler
      </h2>
      <p className="muted">
        Du får en e-post når et varsel oppstår eller løses. E-posten sier hva varselet gjelder og hva som er
        målt, aldri noe om beboere.
      </p>
      <MessageArea message={message} />
      {options.length === 0 ? (
        <p>Rollen din kan ikke abonnere på varsler.</p>
      ) : (
        <form
          className="action-card notify-form"
          aria-labelledby="email-form-heading"
          onSubmit={(e) => void submit(e)}
        >
          <h3 id="email-form-heading">Nytt e-postvarsel</h3>
          <PktTextinput
            fullwidth
            id="email-address"
            label="Din e-postadresse på jobb"
            type="email"
            autocomplete="email"
            value={address}
            onChange={(event) => setAddress(event.target.value)}
          />
          <CodeChoice idPrefix="email" codes={codes} onChange={setCodes} />
          {options.length === 1 ? (
            <p>
              Gjelder: <strong>{options[0].label}</strong>
            </p>
          ) : (
            <ChoiceSelect
              fullwidth
              id="email-scope"
              label="Gjelder"
              value={scopeValue}
              onChange={(event) => setScopeValue(event.target.value)}
              placeholder="Velg område"
              options={options}
            />
          )}
          <PktButton type="submit" disabled={busy}>
            {busy ? 'Lagrer …' : 'Abonner'}
          </PktButton>
        </form>
      )}
      <ResourceView resource={subscriptions} what="E-postvarslene">
        {(list) =>
          list.length === 0 ? (
            <p>Du abonnerer ikke på noen varsler på e-post.</p>
          ) : (
            <ul className="notify-list" data-testid="email-subscriptions">
              {list.map((s) => (
                <li key={s.id} className="notify-item">
                  <div>
                    <strong>{s.address}</strong> <StatusTag status={s.status} />
                  </div>
                  <div>Varseltyper: {codesText(s.codes)}</div>
                  <div>Gjelder: {scopeLabel(s.scope, institutionNames)}</div>
                  <div className="muted">Siste sending: {lastDeliveryText(s.lastDelivery)}</div>
                  <PktButton
                    size="small"
                    skin="tertiary"
                    onClick={() => void remove(s)}
                    aria-label={`Slett e-postvarsel til ${s.address}`}
                  >
                    Slett
                  </PktButton>
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
    </section>
  );
}

const DELIVERY_STATUS_LABELS: Record<WebhookDelivery['status'], string> = {
  pending: 'Prøver igjen',
  delivered: 'Levert',
  failed: 'Gitt opp',
};

const TRANSITION_LABELS: Record<WebhookDelivery['transition'], string> = {
  raised: 'Nytt varsel',
  updated: 'Endret',
  acknowledged: 'Kvittert',
  resolved: 'Løst',
};

function DeliveryLog({ webhook }: { webhook: Webhook }) {
  const log = useResource(`deliveries:${webhook.id}`, (client, signal) =>
    client.call(listWebhookDeliveries, { params: { id: webhook.id } }, { signal }),
  );
  return (
    <div className="notify-log" data-testid={`deliveries-${webhook.id}`}>
      <ResourceView resource={log} what="Leveringsloggen">
        {(deliveries) =>
          deliveries.length === 0 ? (
            <p>Ingen leveringer ennå.</p>
          ) : (
            <div
              className="table-scroll"
              tabIndex={0}
              role="region"
              aria-label="Leveringslogg, kan rulles sideveis"
            >
              <table className="pkt-table pkt-table--compact">
                <caption>Leveringslogg for {webhook.url}</caption>
                <thead>
                  <tr>
                    <th scope="col">Opprettet</th>
                    <th scope="col">Varsel</th>
                    <th scope="col">Status</th>
                    <th scope="col">Forsøk</th>
                    <th scope="col">Neste forsøk</th>
                  </tr>
                </thead>
                <tbody>
                  {deliveries.map((d) => (
                    <tr key={d.id}>
                      <td>{formatDateTime(d.createdAt)}</td>
                      <td>
                        {ALERT_CODE_LABELS[d.code]} · {TRANSITION_LABELS[d.transition]}
                      </td>
                      <td>{DELIVERY_STATUS_LABELS[d.status]}</td>
                      <td>
                        {d.attempts.length === 0
                          ? 'Ingen ennå'
                          : d.attempts
                              .map(
                                (a) =>
                                  `${formatDateTime(a.at)}: ${a.statusCode === null ? 'ingen svar' : `svar ${a.statusCode}`}`,
                              )
                              .join('; ')}
                      </td>
                      <td>{d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </ResourceView>
    </div>
  );
}

function WebhookSection({ institutionNames }: { institutionNames: Map<string, string> }) {
  const api = useApi();
  const { user } = useRequiredSession();
  const webhooks = useResource('webhooks', (client, signal) => client.call(listWebhooks, {}, { signal }));
  const options = webhookScopeOptions(user);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [codes, setCodes] = useState<AlertCode[]>([]);
  const [scopeValue, setScopeValue] = useState(options[0]?.value ?? '');
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const chosen = options.find((o) => o.value === scopeValue);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!/^https?:\/\//i.test(url.trim())) {
      return setMessage({ ok: false, text: 'Adressen må begynne med https:// (eller http://).' });
    }
    if (secret.length < 16) {
      return setMessage({ ok: false, text: 'Den hemmelige nøkkelen må ha minst 16 tegn.' });
    }
    if (codes.length === 0) return setMessage({ ok: false, text: 'Velg minst én varseltype.' });
    if (!chosen) return setMessage({ ok: false, text: 'Velg hva varslene skal gjelde.' });
    setBusy(true);
    setMessage(null);
    try {
      await api.call(createWebhook, { body: { url: url.trim(), secret, codes, scope: chosen.scope } });
      setMessage({ ok: true, text: `Webhooken til ${url.trim()} er registrert.` });
      setUrl('');
      setSecret('');
      setCodes([]);
      webhooks.reload();
    } catch (error) {
      setMessage({ ok: false, text: norwegianMessage(error, 'Registrering av webhook') });
    } finally {
      setBusy(false);
    }
  }

  async function remove(webhook: Webhook) {
    setMessage(null);
    try {
      await api.call(deleteWebhook, { params: { id: webhook.id } });
      setMessage({ ok: true, text: `Webhooken til ${webhook.url} er slettet.` });
      webhooks.reload();
      heading.current?.focus();
    } catch (error) {
      setMessage({ ok: false, text: norwegianMessage(error, 'Sletting') });
    }
  }

  return (
    <section className="section" aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading" ref={heading} tabIndex={-1}>
        Webhooks for virksomheten
      </h2>
      <p className="muted">
        Et fagsystem kan få varslene som en signert HTTP-forespørsel (POST med JSON). Hver forespørsel har
        overskriften X-Plass-Signature: sha256= og HMAC-SHA256 av innholdet med nøkkelen dere velger.
        Mislykkede leveringer prøves igjen med økende mellomrom; etter gjentatte feil vises webhooken som
        «Feiler».
      </p>
      <MessageArea message={message} />
      <form
        className="action-card notify-form"
        aria-labelledby="webhook-form-heading"
        onSubmit={(e) => void submit(e)}
      >
        <h3 id="webhook-form-heading">Ny webhook</h3>
        <PktTextinput
          fullwidth
          id="webhook-url"
          label="Adresse (URL)"
          type="url"
          placeholder="https://"
          value={url}
          onChange={(event) => setUrl(event.target.value)}
        />
        <PktTextinput
          fullwidth
          id="webhook-secret"
          label="Hemmelig nøkkel (minst 16 tegn)"
          type="password"
          autocomplete="new-password"
          helptext="Brukes til å signere hver levering. Den vises ikke igjen etter at den er lagret."
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
        />
        <CodeChoice idPrefix="webhook" codes={codes} onChange={setCodes} />
        {options.length === 1 ? (
          <p>
            Gjelder: <strong>{options[0].label}</strong>
          </p>
        ) : (
          <PktSelect
            fullwidth
            id="webhook-scope"
            label="Gjelder"
            value={scopeValue}
            onChange={(event) => setScopeValue(event.target.value)}
          >
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </PktSelect>
        )}
        <PktButton type="submit" disabled={busy}>
          {busy ? 'Registrerer …' : 'Registrer webhook'}
        </PktButton>
      </form>
      <ResourceView resource={webhooks} what="Webhookene">
        {(list) =>
          list.length === 0 ? (
            <p>Ingen webhooks er registrert.</p>
          ) : (
            <ul className="notify-list" data-testid="webhooks">
              {list.map((w) => (
                <li key={w.id} className="notify-item" data-testid={`webhook-${w.id}`}>
                  <div className="notify-url">
                    <strong>{w.url}</strong> <StatusTag status={w.status} />
                  </div>
                  <div>Varseltyper: {codesText(w.codes)}</div>
                  <div>Gjelder: {scopeLabel(w.scope, institutionNames)}</div>
                  <div className="muted">Siste levering: {lastDeliveryText(w.lastDelivery)}</div>
                  <div className="button-row">
                    <PktButton
                      size="small"
                      skin="secondary"
                      aria-expanded={open === w.id}
                      aria-controls={`deliveries-${w.id}`}
                      onClick={() => setOpen(open === w.id ? null : w.id)}
                    >
                      {open === w.id ? 'Skjul leveringslogg' : 'Vis leveringslogg'}
                    </PktButton>
                    <PktButton
                      size="small"
                      skin="tertiary"
                      onClick={() => void remove(w)}
                      aria-label={`Slett webhook til ${w.url}`}
                    >
                      Slett
                    </PktButton>
                  </div>
                  <div id={`deliveries-${w.id}`}>{open === w.id && <DeliveryLog webhook={w} />}</div>
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
    </section>
  );
}

export default function NotificationsPage() {
  const { user } = useRequiredSession();
  const institutionNames = useInstitutionNames();
  return (
    <>
      <PageTitle lead="Få varsler utenfor Plassoversikt: på e-post til deg selv, eller som webhook til virksomhetens fagsystem.">
        Varslinger
      </PageTitle>
      <EmailSection institutionNames={institutionNames} />
      {mayUseWebhooks(user) && <WebhookSection institutionNames={institutionNames} />}
    </>
  );
}

/** Institution names by id: each unit of the read model carries its institution's. */
function useInstitutionNames(): Map<string, string> {
  const units = useResource('institution-names', (api, signal) =>
    api.call(listCapacityUnits, { query: {} }, { signal }),
  );
  return new Map((units.state.data ?? []).map((u) => [u.institutionId, u.institutionName]));
}

/** Sends one delivery: a signed webhook POST, or an e-mail through nodemailer. Never throws. */
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { AttemptResult, ClaimedDelivery } from './notification.repository';
import { deliveredAlert, emailMessage } from './notification-message';
import { signature } from './notification-rules';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from './notifications.config';

export const NOTIFICATION_SENDER = Symbol('NOTIFICATION_SENDER');

export interface Sender {
  send(delivery: ClaimedDelivery): Promise<AttemptResult>;
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message;
    return (detail ? `${error.message}: ${detail}` : error.message).slice(0, 500);
  }
  return String(error).slice(0, 500);
}

@Injectable()
export class NotificationSender implements Sender, OnModuleDestroy {
  private transporter: Transporter | undefined;

  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig) {}

  async send(delivery: ClaimedDelivery): Promise<AttemptResult> {
    const started = Date.now();
    const at = new Date(started);
    try {
      const result =
        delivery.kind === 'webhook' ? await this.postWebhook(delivery) : await this.sendEmail(delivery);
      return { at, durationMs: Date.now() - started, ...result };
    } catch (error) {
      const responseCode = (error as { responseCode?: unknown }).responseCode;
      return {
        at,
        durationMs: Date.now() - started,
        ok: false,
        statusCode: typeof responseCode === 'number' ? responseCode : null,
        error: errorText(error),
      };
    }
  }

  private async postWebhook(d: ClaimedDelivery): Promise<Pick<AttemptResult, 'ok' | 'statusCode' | 'error'>> {
    if (!d.url || !d.secret) throw new Error('webhook without url or secret');
    const body = JSON.stringify(deliveredAlert(d.payload));
    const response = await fetch(d.url, {
      method: 'POST',
      body,
      // A redirect could lead anywhere, also inside our network: answered as it is, not followed.
      redirect: 'manual',
      signal: AbortSignal.timeout(this.config.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Plassoversikt-Webhook/1',
        'x-plass-signature': signature(body, d.secret),
        'x-plass-delivery': d.id,
        'x-plass-event': `alert.${d.transition}`,
      },
    });
    // Drain the answer so the connection is freed; its content is not kept.
    await response.arrayBuffer().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, error: null };
  }

  private async sendEmail(d: ClaimedDelivery): Promise<Pick<AttemptResult, 'ok' | 'statusCode' | 'error'>> {
    const smtp = this.config.smtp;
    if (!smtp) throw new Error('no SMTP server configured (SMTP_HOST)');
    if (!d.address) throw new Error('e-mail subscription without an address');
    this.transporter ??= createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
      connectionTimeout: this.config.timeoutMs,
      greetingTimeout: this.config.timeoutMs,
      socketTimeout: this.config.timeoutMs,
    });
    const { subject, text } = emailMessage(d.payload, d.transition);
    await this.transporter.sendMail({
      from: smtp.from,
      to: d.address,
      subject,
      text,
      headers: { 'X-Plass-Delivery': d.id },
    });
    return { ok: true, statusCode: null, error: null };
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}

/**
 * The REST contract of notifications outside the browser (ARCHITECTURE.md §11, ADR 0175–0177): webhooks an
 * organisation registers and e-mail subscriptions a person makes, to alert codes within a scope. The
 * capacity service serves these routes (alerts live there) and delivers through a transactional outbox.
 */
import { ALERT_CODES, DISTRICT_CODES } from '@plass/domain';
import { z } from 'zod';
import { ALERT_TRANSITIONS } from '../events/alert';
import { plainText } from '../free-text';
import { BEARER_TOKEN_PROBLEMS, UNCODED } from './problem';
import { named, route } from './route';

const NOTIFICATIONS_TAG = 'notifications';

/** What a subscription may name as its scope; `city` (or no scope) is every alert of its codes. */
export const NOTIFICATION_SCOPE_TYPES = ['city', 'district', 'category', 'institution', 'unit'] as const;
export type NotificationScopeType = (typeof NOTIFICATION_SCOPE_TYPES)[number];

export const NotificationScope = named(
  'NotificationScope',
  z
    .strictObject({
      type: z.enum(NOTIFICATION_SCOPE_TYPES),
      /** District code, category code, institution or unit id; none for `city`. */
      id: plainText(100).optional(),
    })
    .meta({
      description:
        'Which alerts: those whose live rooms include this scope (a unit alert concerns its unit, institution, ' +
        'category, the district it lies in and the city). `city` or no scope: every alert of the codes.',
    }),
);
export type NotificationScope = z.infer<typeof NotificationScope>;

const codes = z
  .array(z.enum(ALERT_CODES))
  .min(1)
  .max(ALERT_CODES.length)
  .meta({ description: 'The alert codes to be told about' });

export const CreateWebhookBody = named(
  'CreateWebhookBody',
  z.strictObject({
    url: plainText(2000).meta({
      description: 'http or https; loopback and private addresses only outside production',
      example: 'https://varsel.bydel.example/plass',
    }),
    codes,
    scope: NotificationScope.optional(),
    secret: plainText(200, 16).meta({
      description:
        'Signs each delivery (X-Plass-Signature: sha256=<hex HMAC-SHA256 of the body>); never answered',
    }),
  }),
);
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;

export const CreateEmailSubscriptionBody = named(
  'CreateEmailSubscriptionBody',
  z.strictObject({
    /** The person's own work address (tokens carry no e-mail claim; ADR 0176). */
    address: z.email().max(254),
    codes,
    scope: NotificationScope.optional(),
  }),
);
export type CreateEmailSubscriptionBody = z.infer<typeof CreateEmailSubscriptionBody>;

export const CreatedSubscription = named('CreatedSubscription', z.object({ id: z.uuid() }));

export const SUBSCRIPTION_STATUSES = ['ok', 'failing'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

const lastDelivery = z
  .object({
    at: z.iso.datetime(),
    /** The receiver's HTTP status, or null when it did not answer (or for e-mail). */
    statusCode: z.number().int().nullable(),
    ok: z.boolean(),
  })
  .nullable();

export const Webhook = named(
  'Webhook',
  z.object({
    id: z.uuid(),
    url: z.string(),
    codes: z.array(z.enum(ALERT_CODES)),
    scope: NotificationScope,
    /** The district whose staff registered it; null for intake and admin. */
    districtCode: z.enum(DISTRICT_CODES).nullable(),
    status: z.enum(SUBSCRIPTION_STATUSES),
    consecutiveFailures: z.number().int().nonnegative(),
    createdAt: z.iso.datetime(),
    lastDelivery,
  }),
);
export type Webhook = z.infer<typeof Webhook>;

export const EmailSubscription = named(
  'EmailSubscription',
  z.object({
    id: z.uuid(),
    address: z.string(),
    codes: z.array(z.enum(ALERT_CODES)),
    scope: NotificationScope,
    status: z.enum(SUBSCRIPTION_STATUSES),
    consecutiveFailures: z.number().int().nonnegative(),
    createdAt: z.iso.datetime(),
    lastDelivery,
  }),
);
export type EmailSubscription = z.infer<typeof EmailSubscription>;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const WebhookDelivery = named(
  'WebhookDelivery',
  z.object({
    /** Sent as X-Plass-Delivery: the same on every attempt, so a receiver can drop a repeat. */
    id: z.uuid(),
    alertId: z.uuid(),
    code: z.enum(ALERT_CODES),
    transition: z.enum(ALERT_TRANSITIONS),
    status: z.enum(DELIVERY_STATUSES),
    createdAt: z.iso.datetime(),
    /** When the next attempt is due; null once delivered or given up. */
    nextAttemptAt: z.iso.datetime().nullable(),
    attempts: z.array(
      z.object({
        at: z.iso.datetime(),
        statusCode: z.number().int().nullable(),
        /** Why it failed without an answer (timeout, refused); null when the receiver answered. */
        error: z.string().nullable(),
        durationMs: z.number().int().nonnegative(),
      }),
    ),
  }),
);
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

const IdParams = z.object({ id: z.uuid() });

const SCOPE_PROBLEMS = ['NOTIFICATION_SCOPE_NOT_ALLOWED'] as const;

export const createWebhook = route({
  id: 'createWebhook',
  method: 'POST',
  path: '/api/notifications/webhooks',
  summary:
    'Registers a webhook for alert codes within a scope (intake, admin; district staff for their own ' +
    'district). Each raised or resolved alert is POSTed as JSON, signed with the secret, retried with ' +
    'backoff; after repeated failure the webhook is marked failing.',
  tag: NOTIFICATIONS_TAG,
  body: CreateWebhookBody,
  status: 201,
  response: CreatedSubscription,
  problems: {
    400: [UNCODED, 'INVALID_WEBHOOK_URL'],
    401: BEARER_TOKEN_PROBLEMS,
    403: [UNCODED, ...SCOPE_PROBLEMS],
    413: [],
  },
});

export const listWebhooks = route({
  id: 'listWebhooks',
  method: 'GET',
  path: '/api/notifications/webhooks',
  summary: "The webhooks one may manage: every one for intake and admin, the district's own for its staff",
  tag: NOTIFICATIONS_TAG,
  status: 200,
  response: z.array(Webhook),
  problems: { 401: BEARER_TOKEN_PROBLEMS, 403: [UNCODED] },
});

export const deleteWebhook = route({
  id: 'deleteWebhook',
  method: 'DELETE',
  path: '/api/notifications/webhooks/:id',
  summary: 'Removes a webhook and its delivery log',
  tag: NOTIFICATIONS_TAG,
  params: IdParams,
  status: 204,
  problems: {
    400: [],
    401: BEARER_TOKEN_PROBLEMS,
    403: [UNCODED],
    404: ['SUBSCRIPTION_NOT_FOUND'],
  },
});

export const listWebhookDeliveries = route({
  id: 'listWebhookDeliveries',
  method: 'GET',
  path: '/api/notifications/webhooks/:id/deliveries',
  summary: "A webhook's delivery log, newest first: each delivery with its attempts and next retry",
  tag: NOTIFICATIONS_TAG,
  params: IdParams,
  status: 200,
  response: z.array(WebhookDelivery),
  problems: {
    400: [],
    401: BEARER_TOKEN_PROBLEMS,
    403: [UNCODED],
    404: ['SUBSCRIPTION_NOT_FOUND'],
  },
});

export const createEmailSubscription = route({
  id: 'createEmailSubscription',
  method: 'POST',
  path: '/api/notifications/email',
  summary:
    "Subscribes the signed-in person's address to alert codes within a scope of their role: district " +
    'staff their district, institution staff one of their institutions, intake and admin a category or all.',
  tag: NOTIFICATIONS_TAG,
  body: CreateEmailSubscriptionBody,
  status: 201,
  response: CreatedSubscription,
  problems: { 400: [UNCODED], 401: BEARER_TOKEN_PROBLEMS, 403: [...SCOPE_PROBLEMS], 413: [] },
});

export const listEmailSubscriptions = route({
  id: 'listEmailSubscriptions',
  method: 'GET',
  path: '/api/notifications/email',
  summary: "The signed-in person's own e-mail subscriptions",
  tag: NOTIFICATIONS_TAG,
  status: 200,
  response: z.array(EmailSubscription),
  problems: { 401: BEARER_TOKEN_PROBLEMS },
});

export const deleteEmailSubscription = route({
  id: 'deleteEmailSubscription',
  method: 'DELETE',
  path: '/api/notifications/email/:id',
  summary: "Removes one of the signed-in person's own e-mail subscriptions",
  tag: NOTIFICATIONS_TAG,
  params: IdParams,
  status: 204,
  problems: { 400: [], 401: BEARER_TOKEN_PROBLEMS, 404: ['SUBSCRIPTION_NOT_FOUND'] },
});

export const NOTIFICATION_ROUTES = [
  createWebhook,
  listWebhooks,
  deleteWebhook,
  listWebhookDeliveries,
  createEmailSubscription,
  listEmailSubscriptions,
  deleteEmailSubscription,
] as const;

/**
 * Validates a document against the Kubernetes JSON schema of its kind (kubernetes-models, the OpenAPI schemas
 * of the Kubernetes API compiled to validators), and the Strimzi kinds we use against small zod schemas.
 */
import { z } from 'zod';
import type { Manifest } from './manifest';

interface ModelClass {
  new (data: unknown): { validate(): void };
}
type ModelTree = Record<
  string,
  Record<string, Record<string, ModelClass | undefined> | undefined> | undefined
>;

/**
 * kubernetes-models is ES modules only (its `exports` have only an `import` condition), and this code is
 * compiled to CommonJS, where `import()` would become `require()`. A function made at run time keeps the
 * real `import()` (ADR 0205).
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a real ESM import() from CommonJS, see above
const importEsm = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<unknown>;

let models: Promise<ModelTree> | undefined;

function loadModels(): Promise<ModelTree> {
  models ??= importEsm('kubernetes-models') as Promise<ModelTree>;
  return models;
}

/** The models of one API version: `apps/v1` → tree.apps.v1, `networking.k8s.io/v1` → tree.networkingK8sIo.v1, core `v1` → tree.v1. */
function modelsOf(tree: ModelTree, apiVersion: string): Record<string, ModelClass | undefined> | undefined {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return tree[apiVersion] as Record<string, ModelClass | undefined> | undefined;
  const group = apiVersion
    .slice(0, slash)
    .split('.')
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');
  return tree[group]?.[apiVersion.slice(slash + 1)];
}

const name = z.string().min(1);
const labelsWithCluster = z.object({ 'strimzi.io/cluster': name });
const strimziMeta = z.object({ name, namespace: z.string().optional(), labels: labelsWithCluster });

const aclRule = z.strictObject({
  resource: z.strictObject({
    type: z.enum(['topic', 'group', 'cluster', 'transactionalId']),
    name: name.optional(),
    patternType: z.enum(['literal', 'prefix']).optional(),
  }),
  operations: z.array(z.enum(['Read', 'Write', 'Create', 'Delete', 'Alter', 'Describe', 'All'])).min(1),
  host: z.string().optional(),
});

/** The fields of the Strimzi custom resources this repository writes (kafka.strimzi.io/v1beta2). */
const STRIMZI: Record<string, z.ZodType> = {
  Kafka: z.object({
    metadata: z.object({ name, annotations: z.record(z.string(), z.string()).optional() }),
    spec: z.object({
      kafka: z.object({
        version: z.string().regex(/^\d+\.\d+\.\d+$/),
        listeners: z
          .array(
            z.object({
              name: z.string().regex(/^[a-z0-9]{1,11}$/),
              port: z.number().int().min(9092),
              type: z.enum(['internal', 'route', 'loadbalancer', 'nodeport', 'ingress', 'cluster-ip']),
              tls: z.boolean(),
              authentication: z
                .object({ type: z.enum(['scram-sha-512', 'tls', 'oauth', 'custom']) })
                .optional(),
            }),
          )
          .min(1),
        authorization: z.object({ type: z.enum(['simple', 'opa', 'keycloak', 'custom']) }).optional(),
        config: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
      }),
      entityOperator: z.object({
        topicOperator: z.object({}).optional(),
        userOperator: z.object({}).optional(),
      }),
    }),
  }),
  KafkaNodePool: z.object({
    metadata: strimziMeta,
    spec: z.object({
      replicas: z.number().int().min(1),
      roles: z.array(z.enum(['controller', 'broker'])).min(1),
      storage: z.object({ type: z.enum(['jbod', 'persistent-claim', 'ephemeral']) }),
    }),
  }),
  KafkaTopic: z.object({
    metadata: strimziMeta,
    spec: z.strictObject({
      topicName: z.string().optional(),
      partitions: z.number().int().min(1),
      replicas: z.number().int().min(1),
      config: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    }),
  }),
  KafkaUser: z.object({
    metadata: strimziMeta,
    spec: z.strictObject({
      authentication: z.object({ type: z.enum(['scram-sha-512', 'tls', 'tls-external']) }),
      authorization: z.strictObject({ type: z.literal('simple'), acls: z.array(aclRule) }),
    }),
  }),
};

/** Problems of one document against its schema; empty when it is valid. */
export async function schemaProblems(manifest: Manifest): Promise<string[]> {
  if (manifest.apiVersion === 'kafka.strimzi.io/v1beta2') {
    const schema = STRIMZI[manifest.kind];
    if (!schema) return [`no schema for the Strimzi kind ${manifest.kind}`];
    const result = schema.safeParse(manifest);
    return result.success
      ? []
      : result.error.issues.map((issue) => `${issue.path.join('/')}: ${issue.message}`);
  }
  const Model = modelsOf(await loadModels(), manifest.apiVersion)?.[manifest.kind];
  if (!Model) return [`no Kubernetes schema for ${manifest.apiVersion} ${manifest.kind}`];
  try {
    new Model(manifest).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: Array<{ instancePath: string; message?: string }> }).errors;
    if (!errors) return [(error as Error).message];
    return errors.map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  }
}

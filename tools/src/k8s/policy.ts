/**
 * The deployment's rules, checked on a rendered kustomization (ADR 0203, 0205): pods hardened and probed,
 * budgets for disruptions, deny-by-default networking with the gateway as the only way in, autoscaling
 * within the Kafka partitions, no secret values, and the Strimzi example equal to the provisioning step.
 */
import { DEFAULT_PARTITIONS, kafkaAcls, SERVICE_ACCESS, STANDARD_TOPICS } from '@plass/messaging';
import { describe, type Manifest } from './manifest';

/** The one workload that may be reached from outside the namespace (through the ingress controller). */
export const PUBLIC_WORKLOAD = 'gateway';
/** The namespace Prometheus scrapes from: the one outside peer allowed to reach the other services. */
export const MONITORING_NAMESPACE = 'monitoring';
const NAME_LABEL = 'app.kubernetes.io/name';
const PART_OF_LABEL = 'app.kubernetes.io/part-of';
/** Settings whose value is a credential (or carries one, like a URL with a password). */
const SECRET_SETTING = /PASSWORD|PASS$|SECRET|TOKEN|DATABASE_URL|REDIS_URL/;

type Labels = Record<string, string>;
interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}
interface Probe {
  httpGet?: { path?: string };
}
interface Container {
  name: string;
  image?: string;
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Labels; limits?: Labels };
  securityContext?: SecurityContext;
  volumeMounts?: Array<{ name: string; mountPath: string }>;
}
interface SecurityContext {
  runAsNonRoot?: boolean;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: { drop?: string[] };
  seccompProfile?: { type?: string };
}
interface PodSpec {
  containers?: Container[];
  securityContext?: SecurityContext;
  volumes?: Array<{ name: string; emptyDir?: unknown }>;
}
interface PodTemplate {
  metadata?: { labels?: Labels };
  spec?: PodSpec;
}
interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string };
}
interface NetworkPolicySpec {
  podSelector?: LabelSelector;
  policyTypes?: string[];
  ingress?: Array<{ from?: NetworkPolicyPeer[] }>;
  egress?: Array<{ to?: NetworkPolicyPeer[] }>;
}

const spec = <T>(m: Manifest): T => (m.spec ?? {}) as T;
const ofKind = (docs: Manifest[], kind: string): Manifest[] => docs.filter((d) => d.kind === kind);

/** Whether `selector` selects pods with `labels` (an empty selector selects every pod). */
export function selects(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpression = (selector.matchExpressions ?? []).every((e) => {
    switch (e.operator) {
      case 'In':
        return (e.values ?? []).includes(labels[e.key]);
      case 'NotIn':
        return !(e.values ?? []).includes(labels[e.key]);
      case 'Exists':
        return e.key in labels;
      case 'DoesNotExist':
        return !(e.key in labels);
      default:
        return false;
    }
  });
  return byLabel && byExpression;
}

function podTemplate(workload: Manifest): PodTemplate {
  if (workload.kind === 'CronJob') {
    return (
      spec<{ jobTemplate?: { spec?: { template?: PodTemplate } } }>(workload).jobTemplate?.spec?.template ??
      {}
    );
  }
  return spec<{ template?: PodTemplate }>(workload).template ?? {};
}

/** Hardening of every pod (Deployments, StatefulSets, Jobs), probes for the long-running ones. */
function podProblems(workload: Manifest): string[] {
  const problems: string[] = [];
  const where = describe(workload);
  const pod = podTemplate(workload).spec ?? {};
  const longRunning = ['Deployment', 'StatefulSet', 'DaemonSet'].includes(workload.kind);
  const podSecurity = pod.securityContext ?? {};
  const tmpVolumes = new Set((pod.volumes ?? []).filter((v) => v.emptyDir !== undefined).map((v) => v.name));
  if ((pod.containers ?? []).length === 0) problems.push(`${where}: no containers`);
  for (const c of pod.containers ?? []) {
    const at = `${where} container ${c.name}`;
    const security = c.securityContext ?? {};
    if (longRunning && !c.readinessProbe) problems.push(`${at}: no readinessProbe`);
    if (longRunning && !c.livenessProbe) problems.push(`${at}: no livenessProbe`);
    for (const kind of ['requests', 'limits'] as const) {
      for (const resource of ['cpu', 'memory']) {
        if (!c.resources?.[kind]?.[resource]) problems.push(`${at}: no resources.${kind}.${resource}`);
      }
    }
    if ((security.runAsNonRoot ?? podSecurity.runAsNonRoot) !== true) {
      problems.push(`${at}: runAsNonRoot is not true`);
    }
    if (security.readOnlyRootFilesystem !== true) problems.push(`${at}: readOnlyRootFilesystem is not true`);
    if (security.allowPrivilegeEscalation !== false) {
      problems.push(`${at}: allowPrivilegeEscalation is not false`);
    }
    if (!(security.capabilities?.drop ?? []).includes('ALL'))
      problems.push(`${at}: capabilities do not drop ALL`);
    if ((security.seccompProfile?.type ?? podSecurity.seccompProfile?.type) !== 'RuntimeDefault') {
      problems.push(`${at}: seccompProfile is not RuntimeDefault`);
    }
    if (!(c.volumeMounts ?? []).some((m) => m.mountPath === '/tmp' && tmpVolumes.has(m.name))) {
      problems.push(`${at}: /tmp is not an emptyDir (the root file system is read-only)`);
    }
    for (const env of c.env ?? []) {
      if (SECRET_SETTING.test(env.name) && env.value !== undefined) {
        problems.push(`${at}: ${env.name} has a value in the manifest; take it from a Secret (secretKeyRef)`);
      }
    }
  }
  return problems;
}

function workloads(docs: Manifest[]): Manifest[] {
  return docs.filter((d) => ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'].includes(d.kind));
}

function budgetProblems(docs: Manifest[]): string[] {
  const budgets = ofKind(docs, 'PodDisruptionBudget');
  return ofKind(docs, 'Deployment')
    .filter((d) => {
      const labels = podTemplate(d).metadata?.labels ?? {};
      return !budgets.some((b) => selects(spec<{ selector?: LabelSelector }>(b).selector, labels));
    })
    .map((d) => `${describe(d)}: no PodDisruptionBudget selects its pods`);
}

function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return (
    selector !== undefined &&
    Object.keys(selector.matchLabels ?? {}).length === 0 &&
    (selector.matchExpressions ?? []).length === 0
  );
}

/** A policy that selects every pod, covers ingress and egress, and allows nothing. */
function hasDefaultDeny(docs: Manifest[]): boolean {
  return ofKind(docs, 'NetworkPolicy').some((p) => {
    const s = spec<NetworkPolicySpec>(p);
    const types = s.policyTypes ?? [];
    return (
      isEmptySelector(s.podSelector) &&
      types.includes('Ingress') &&
      types.includes('Egress') &&
      (s.ingress ?? []).length === 0 &&
      (s.egress ?? []).length === 0
    );
  });
}

/** A peer outside the policy's namespace (or everyone: a rule without `from`). */
function isOutside(peer: NetworkPolicyPeer): boolean {
  return peer.namespaceSelector !== undefined || peer.ipBlock !== undefined;
}

function isMonitoring(peer: NetworkPolicyPeer): boolean {
  const labels = peer.namespaceSelector?.matchLabels ?? {};
  return (
    peer.ipBlock === undefined &&
    peer.podSelector === undefined &&
    Object.keys(labels).length === 1 &&
    labels['kubernetes.io/metadata.name'] === MONITORING_NAMESPACE
  );
}

function networkProblems(docs: Manifest[]): string[] {
  const problems: string[] = [];
  if (!hasDefaultDeny(docs)) {
    problems.push('no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)');
  }
  const podLabels = ofKind(docs, 'Deployment').map((d) => podTemplate(d).metadata?.labels ?? {});
  for (const policy of ofKind(docs, 'NetworkPolicy')) {
    const s = spec<NetworkPolicySpec>(policy);
    const selected = podLabels.filter((labels) => selects(s.podSelector, labels));
    const onlyPublic = selected.length > 0 && selected.every((l) => l[NAME_LABEL] === PUBLIC_WORKLOAD);
    for (const rule of s.ingress ?? []) {
      const from = rule.from ?? [];
      if (from.length === 0) {
        problems.push(`${describe(policy)}: an ingress rule without \`from\` lets every peer in`);
        continue;
      }
      for (const peer of from) {
        if (isOutside(peer) && !onlyPublic && !isMonitoring(peer)) {
          problems.push(
            `${describe(policy)}: ingress from outside the namespace to pods other than the ${PUBLIC_WORKLOAD} ` +
              `(only the ${MONITORING_NAMESPACE} namespace may scrape them)`,
          );
        }
      }
    }
    // A selector of pods in another namespace must not require our own labels: `commonLabels` adds them
    // there and the rule then matches nothing (kube-dns, the ingress controller).
    const peers = [
      ...(s.ingress ?? []).flatMap((r) => r.from ?? []),
      ...(s.egress ?? []).flatMap((r) => r.to ?? []),
    ];
    for (const peer of peers) {
      if (peer.namespaceSelector && peer.podSelector?.matchLabels?.[PART_OF_LABEL]) {
        problems.push(
          `${describe(policy)}: a peer in another namespace is selected by ${PART_OF_LABEL}, which its pods do not have`,
        );
      }
    }
  }
  for (const service of ofKind(docs, 'Service')) {
    const type = spec<{ type?: string }>(service).type ?? 'ClusterIP';
    if (type !== 'ClusterIP') problems.push(`${describe(service)}: type ${type}; only the Ingress is public`);
  }
  for (const ingress of ofKind(docs, 'Ingress')) {
    const rules = spec<{
      rules?: Array<{ http?: { paths?: Array<{ backend?: { service?: { name?: string } } }> } }>;
    }>(ingress).rules;
    for (const path of (rules ?? []).flatMap((r) => r.http?.paths ?? [])) {
      if (path.backend?.service?.name !== PUBLIC_WORKLOAD) {
        problems.push(
          `${describe(ingress)}: a path leads to ${path.backend?.service?.name ?? '?'}, not the gateway`,
        );
      }
    }
  }
  return problems;
}

/** KAFKA_PARTITIONS of the rendered shared ConfigMap, else the provisioning step's default. */
export function configuredPartitions(docs: Manifest[]): number {
  const config = ofKind(docs, 'ConfigMap').find((c) => c.metadata.name.startsWith('plassoversikt-config'));
  const value = (config?.data as Labels | undefined)?.KAFKA_PARTITIONS;
  return value === undefined ? DEFAULT_PARTITIONS : Number(value);
}

/**
 * Every HPA stays at or below the partitions of the topics its target consumes: the replicas of a consumer
 * group beyond that get no partition. `topicPartitions` overrides the count per topic (Strimzi's topics).
 */
export function autoscalingProblems(
  docs: Manifest[],
  topicPartitions: Map<string, number> = new Map(),
): string[] {
  const problems: string[] = [];
  const partitions = configuredPartitions(docs);
  for (const hpa of ofKind(docs, 'HorizontalPodAutoscaler')) {
    const s = spec<{ scaleTargetRef?: { name?: string }; maxReplicas?: number; minReplicas?: number }>(hpa);
    const target = s.scaleTargetRef?.name ?? '';
    const access = (SERVICE_ACCESS as Record<string, { reads: string[] } | undefined>)[target];
    if (!access) {
      problems.push(`${describe(hpa)}: target ${target} is not a Kafka principal; no partition bound known`);
      continue;
    }
    const bound = Math.min(partitions, ...access.reads.map((t) => topicPartitions.get(t) ?? partitions));
    if ((s.maxReplicas ?? 0) > bound) {
      problems.push(
        `${describe(hpa)}: maxReplicas ${s.maxReplicas} > ${bound} partitions of ${access.reads.join(', ')}`,
      );
    }
    if ((s.minReplicas ?? 1) < 2) problems.push(`${describe(hpa)}: minReplicas below 2 (no redundancy)`);
  }
  return problems;
}

function secretProblems(docs: Manifest[]): string[] {
  return ofKind(docs, 'Secret').map(
    (s) => `${describe(s)}: a Secret in the manifests; secrets come from the environment (README «Secrets»)`,
  );
}

/** The rules of an application render (base or an overlay). */
export function applicationProblems(docs: Manifest[], topicPartitions?: Map<string, number>): string[] {
  return [
    ...workloads(docs).flatMap(podProblems),
    ...budgetProblems(docs),
    ...networkProblems(docs),
    ...autoscalingProblems(docs, topicPartitions),
    ...secretProblems(docs),
  ];
}

// Kafka protocol codes of kafkajs' ACL enums (resource type, pattern type, operation) as Strimzi writes them.
const RESOURCE_TYPE: Record<number, string> = { 2: 'topic', 3: 'group', 4: 'cluster' };
const PATTERN_TYPE: Record<number, string> = { 3: 'literal', 4: 'prefix' };
const OPERATION: Record<number, string> = {
  2: 'All',
  3: 'Read',
  4: 'Write',
  5: 'Create',
  6: 'Delete',
  8: 'Describe',
};

interface StrimziAcl {
  resource: { type: string; name?: string; patternType?: string };
  operations: string[];
  host?: string;
}

/** One `User:x topic literal name Read` line per permission, sorted. */
function aclLines(entries: Array<[string, StrimziAcl]>): string[] {
  return entries
    .flatMap(([user, acl]) =>
      acl.operations.map(
        (op) =>
          `User:${user} ${acl.resource.type} ${acl.resource.patternType ?? 'literal'} ${acl.resource.name ?? ''} ${op} ${acl.host ?? '*'}`,
      ),
    )
    .sort();
}

/** The Strimzi example grants exactly kafkaAcls('') and creates exactly STANDARD_TOPICS. */
export function strimziProblems(docs: Manifest[]): string[] {
  const problems: string[] = [];
  const users = ofKind(docs, 'KafkaUser');
  const topics = ofKind(docs, 'KafkaTopic');
  if (users.length > 0) {
    const actual = aclLines(
      users.flatMap((u) =>
        (spec<{ authorization?: { acls?: StrimziAcl[] } }>(u).authorization?.acls ?? []).map(
          (acl) => [u.metadata.name, acl] as [string, StrimziAcl],
        ),
      ),
    );
    const expected = kafkaAcls('')
      .map(
        (a) =>
          `${a.principal} ${RESOURCE_TYPE[a.resourceType]} ${PATTERN_TYPE[a.resourcePatternType]} ${a.resourceName} ${OPERATION[a.operation]} ${a.host}`,
      )
      .sort();
    for (const line of expected.filter((l) => !actual.includes(l)))
      problems.push(`KafkaUser: missing ACL ${line}`);
    for (const line of actual.filter((l) => !expected.includes(l)))
      problems.push(`KafkaUser: ACL not in access.ts: ${line}`);
  }
  if (topics.length > 0) {
    const byName = new Map(
      topics.map((t) => [spec<{ topicName?: string }>(t).topicName ?? t.metadata.name, t]),
    );
    for (const wanted of STANDARD_TOPICS) {
      const topic = byName.get(wanted.topic);
      if (!topic) {
        problems.push(`KafkaTopic ${wanted.topic}: missing (libs/messaging/src/core/topics.ts has it)`);
        continue;
      }
      const s = spec<{ partitions?: number; config?: Record<string, unknown> }>(topic);
      if (wanted.partitions !== undefined && s.partitions !== wanted.partitions) {
        problems.push(`${describe(topic)}: ${s.partitions} partitions, topics.ts says ${wanted.partitions}`);
      }
      if (wanted.retentionMs !== undefined && Number(s.config?.['retention.ms']) !== wanted.retentionMs) {
        problems.push(
          `${describe(topic)}: retention.ms ${String(s.config?.['retention.ms'])}, topics.ts says ${wanted.retentionMs}`,
        );
      }
      if (
        wanted.maxMessageBytes !== undefined &&
        Number(s.config?.['max.message.bytes']) !== wanted.maxMessageBytes
      ) {
        problems.push(
          `${describe(topic)}: max.message.bytes differs from topics.ts (${wanted.maxMessageBytes})`,
        );
      }
    }
    const known = new Set(STANDARD_TOPICS.map((t) => t.topic));
    for (const [topicName, topic] of byName) {
      if (!known.has(topicName))
        problems.push(`${describe(topic)}: not a topic of libs/messaging/src/core/topics.ts`);
    }
  }
  return problems;
}

/** Partitions per topic from Strimzi's KafkaTopic resources (for the HPA bound across renders). */
export function strimziPartitions(docs: Manifest[]): Map<string, number> {
  return new Map(
    ofKind(docs, 'KafkaTopic').map((t) => {
      const s = spec<{ topicName?: string; partitions?: number }>(t);
      return [s.topicName ?? t.metadata.name, s.partitions ?? 0];
    }),
  );
}

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_PARTITIONS, kafkaAcls } from '@plass/messaging';
import { K8S_ROOT, kustomizations } from './check';
import type { Manifest } from './manifest';
import { applicationProblems, autoscalingProblems, strimziProblems } from './policy';
import { kubectlVersion } from './render';

const REPO = resolve(__dirname, '../../..');
const CHECK = join(__dirname, 'check.ts');

/** Runs `npm run k8s:check` (the same file) on `dirs`; kubectl must be installed. */
function runCheck(dirs: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', CHECK, ...dirs], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'test' },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A hardened, probed workload as the base writes it; each test breaks one thing. */
function deploymentFactory(name = 'housing-service') {
  const container: Record<string, unknown> = {
    name,
    image: `plassoversikt/${name}:latest`,
    readinessProbe: { httpGet: { path: '/health/ready', port: 'http' } },
    livenessProbe: { httpGet: { path: '/health/live', port: 'http' } },
    resources: { requests: { cpu: '100m', memory: '192Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    securityContext: {
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    },
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  };
  const build = (): Manifest => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': name } },
        spec: {
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [container],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  });
  const factory = {
    without(field: string) {
      delete container[field];
      return factory;
    },
    with(field: string, value: unknown) {
      container[field] = value;
      return factory;
    },
    build,
  };
  return factory;
}

const budget = (name: string): Manifest => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name },
  spec: { maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': name } } },
});

const defaultDeny: Manifest = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'default-deny-all' },
  spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
};

const ingressFrom = (name: string, from: unknown[]): Manifest => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name },
  spec: {
    podSelector: { matchLabels: { 'app.kubernetes.io/name': name } },
    policyTypes: ['Ingress'],
    ingress: [{ from }],
  },
});

const hpa = (target: string, maxReplicas: number): Manifest => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: target },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target },
    minReplicas: 2,
    maxReplicas,
  },
});

const fromIngressController = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
};

describe('Kubernetes manifest rules (policy.ts)', () => {
  it('accepts a hardened, probed Deployment with its budget behind a default deny', () => {
    expect(
      applicationProblems([deploymentFactory().build(), budget('housing-service'), defaultDeny]),
    ).toEqual([]);
  });

  it('reports a Deployment without a readiness probe', () => {
    const docs = [
      deploymentFactory().without('readinessProbe').build(),
      budget('housing-service'),
      defaultDeny,
    ];
    expect(applicationProblems(docs)).toEqual([
      'Deployment housing-service container housing-service: no readinessProbe',
    ]);
  });

  it('reports missing limits, a writable root file system and a password written into the manifest', () => {
    const docs = [
      deploymentFactory()
        .with('resources', { requests: { cpu: '100m', memory: '192Mi' } })
        .with('securityContext', {
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        })
        .with('env', [{ name: 'KAFKA_SASL_PASSWORD', value: 'hunter2' }])
        .build(),
      budget('housing-service'),
      defaultDeny,
    ];
    expect(applicationProblems(docs)).toEqual([
      'Deployment housing-service container housing-service: no resources.limits.cpu',
      'Deployment housing-service container housing-service: no resources.limits.memory',
      'Deployment housing-service container housing-service: readOnlyRootFilesystem is not true',
      'Deployment housing-service container housing-service: KAFKA_SASL_PASSWORD has a value in the manifest; take it from a Secret (secretKeyRef)',
    ]);
  });

  it('reports a Deployment that no PodDisruptionBudget covers, and a missing default deny', () => {
    expect(applicationProblems([deploymentFactory().build(), budget('gateway')])).toEqual([
      'Deployment housing-service: no PodDisruptionBudget selects its pods',
      'no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)',
    ]);
  });

  it('lets only the gateway in from outside the namespace (and Prometheus to the others)', () => {
    const docs = [
      deploymentFactory('gateway').build(),
      deploymentFactory('capacity-service').build(),
      budget('gateway'),
      budget('capacity-service'),
      defaultDeny,
      ingressFrom('gateway', [fromIngressController]),
      ingressFrom('capacity-service', [
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
      ]),
    ];
    expect(applicationProblems(docs)).toEqual([]);
    const opened = [...docs, ingressFrom('capacity-service', [fromIngressController])];
    expect(applicationProblems(opened)).toEqual([
      'NetworkPolicy capacity-service: ingress from outside the namespace to pods other than the gateway (only the monitoring namespace may scrape them)',
    ]);
  });

  it('reports a peer in another namespace selected by our own label (what commonLabels does)', () => {
    const docs = [
      deploymentFactory('gateway').build(),
      budget('gateway'),
      defaultDeny,
      ingressFrom('gateway', [
        {
          ...fromIngressController,
          podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'plassoversikt' } },
        },
      ]),
    ];
    expect(applicationProblems(docs)).toEqual([
      'NetworkPolicy gateway: a peer in another namespace is selected by app.kubernetes.io/part-of, which its pods do not have',
    ]);
  });

  it('keeps an autoscaler at or below the partitions of the topics its target consumes', () => {
    expect(autoscalingProblems([hpa('capacity-service', DEFAULT_PARTITIONS)])).toEqual([]);
    expect(autoscalingProblems([hpa('capacity-service', DEFAULT_PARTITIONS + 1)])).toEqual([
      `HorizontalPodAutoscaler capacity-service: maxReplicas ${DEFAULT_PARTITIONS + 1} > ${DEFAULT_PARTITIONS} partitions of institution.occupancy.v1, housing.availability.v1, intake.referrals.v1, intake.purchases.v1`,
    ]);
    const fewer = new Map([['housing.availability.v1', 4]]);
    expect(autoscalingProblems([hpa('capacity-service', 6)], fewer)).toHaveLength(1);
  });

  it('reports a KafkaUser whose ACLs differ from the provisioning step', () => {
    const user = (acls: unknown[]): Manifest => ({
      apiVersion: 'kafka.strimzi.io/v1beta2',
      kind: 'KafkaUser',
      metadata: { name: 'housing-service', labels: { 'strimzi.io/cluster': 'plassoversikt' } },
      spec: { authentication: { type: 'scram-sha-512' }, authorization: { type: 'simple', acls } },
    });
    const problems = strimziProblems([
      user([
        {
          resource: { type: 'topic', name: 'capacity.changed.v1', patternType: 'literal' },
          operations: ['Write'],
          host: '*',
        },
      ]),
    ]);
    expect(problems).toContain(
      'KafkaUser: ACL not in access.ts: User:housing-service topic literal capacity.changed.v1 Write *',
    );
    expect(problems).toContain(
      'KafkaUser: missing ACL User:housing-service topic literal housing.availability.v1 Write *',
    );
    expect(problems.filter((p) => p.startsWith('KafkaUser: missing ACL'))).toHaveLength(kafkaAcls('').length);
  });
});

describe('npm run k8s:check (renders with kubectl)', () => {
  let work: string;

  beforeAll(() => {
    // Fails (does not skip) without kubectl, with the way to install it.
    kubectlVersion();
    work = mkdtempSync(join(tmpdir(), 'k8s-check-'));
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('finds the base, the production overlay and the Strimzi example', () => {
    expect(kustomizations().map((dir) => dir.slice(K8S_ROOT.length + 1))).toEqual([
      'base',
      'overlays/production',
      'examples/strimzi',
    ]);
  });

  it('passes on the real tree', () => {
    const { status, output } = runCheck([]);
    expect(output).toContain('every document valid, every rule kept');
    expect(output).toContain('ok   infra/k8s/overlays/production: apps/v1 Deployment plassoversikt/gateway');
    expect(status).toBe(0);
  }, 120_000);

  it('fails on a field of the wrong type and on a misspelt probe', () => {
    const base = join(work, 'base');
    cpSync(join(K8S_ROOT, 'base'), base, { recursive: true });
    const gateway = join(base, 'gateway.yaml');
    writeFileSync(
      gateway,
      readFileSync(gateway, 'utf8').replace('containerPort: 8080', "containerPort: 'eighty'"),
    );
    const institution = join(base, 'institution-service.yaml');
    // A misspelt field is not a schema error (the schemas allow unknown fields): the probe rule catches it.
    writeFileSync(
      institution,
      readFileSync(institution, 'utf8').replace('readinessProbe:', 'readinesProbe:'),
    );
    const { status, output } = runCheck([base]);
    expect(status).toBe(1);
    expect(output).toMatch(
      /Deployment gateway: \/spec\/template\/spec\/containers\/0\/ports\/0\/containerPort must be integer/,
    );
    expect(output).toContain(
      'Deployment institution-service container institution-service: no readinessProbe',
    );
  }, 120_000);
});

/** The results as JSON (bench/results) and as Markdown tables (printed, and written into docs/performance.md). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { DrainResult } from './drain';
import type { FanoutResult } from './fanout';
import type { FloorResult } from './floor';
import type { LatencyResult, LatencyStep } from './latency';
import type { ReferralResult } from './referral';
import type { MachineLoad, MachineNote } from './machine';
import type { NationalResult } from './national';
import { round, type Distribution } from './stats';

export interface BenchResults {
  startedAt: string;
  mode: 'quick' | 'full';
  /**
   * Gateways and capacity-service instances behind the local proxies (`--replicas n`, ADR 0209); runs
   * stored before it have none (one of each).
   */
  replicas?: number;
  commit: string | null;
  machine: MachineNote;
  loadavgAtStart: [number, number, number];
  whole: MachineLoad | null;
  durationSeconds: number;
  floor?: FloorResult;
  latency?: LatencyResult;
  referral?: ReferralResult;
  fanout?: FanoutResult;
  drain?: { one?: DrainResult; two?: DrainResult };
  national?: NationalResult;
  errors: Record<string, string>;
  targets: TargetCheck[];
}

export interface TargetCheck {
  what: string;
  target: string;
  figure: string;
  met: boolean | null;
}

const TARGET_RATE = 200;

function at(latency: LatencyResult | undefined, rate: number): LatencyStep | undefined {
  return latency?.steps.find((s) => s.rate === rate);
}

export function ratio(results: BenchResults): number | null {
  const e2e = at(results.latency, TARGET_RATE)?.latencyMs.p99;
  const floor = results.floor?.steps.find((s) => s.rate === TARGET_RATE)?.roundTripMs.p99;
  return e2e !== undefined && floor !== undefined && floor > 0 ? round(e2e / floor, 2) : null;
}

export function checkTargets(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const step = at(results.latency, TARGET_RATE);
  const known = <T>(value: T | undefined | null, test: (v: T) => boolean) =>
    value === undefined || value === null || (typeof value === 'number' && Number.isNaN(value))
      ? null
      : test(value);
  checks.push({
    what: `End-to-end p50 at ${TARGET_RATE} writes/s, ${results.latency?.clients ?? 500} clients`,
    target: '≤ 25 ms',
    figure: step ? `${step.latencyMs.p50} ms` : 'not measured',
    met: known(step?.latencyMs.p50, (v) => v <= 25),
  });
  checks.push({
    what: `End-to-end p99 at ${TARGET_RATE} writes/s`,
    target: '≤ 100 ms',
    figure: step ? `${step.latencyMs.p99} ms` : 'not measured',
    met: known(step?.latencyMs.p99, (v) => v <= 100),
  });
  const r = ratio(results);
  checks.push({
    what: 'Ratio end-to-end p99 / Kafka floor p99',
    target: '≤ 3',
    figure: r === null ? 'not measured' : `${r}`,
    met: known(r, (v) => v <= 3),
  });
  const one = results.drain?.one;
  checks.push({
    what: 'Drain, one capacity-service instance',
    target: '≥ 5,000 events/s',
    figure: one ? `${one.eventsPerSecond} events/s` : 'not measured',
    met: known(one?.completed ? one.eventsPerSecond : undefined, (v) => v >= 5000),
  });
  const f = results.fanout;
  checks.push({
    what: `Gateway memory per client (${f?.connected ?? 2000} clients)`,
    target: '≤ 50 KB',
    figure: f ? `${f.rssKiBPerClient} KiB RSS (${f.heapKiBPerClient} KiB heap)` : 'not measured',
    // The target is in kilobytes (1,000 bytes), the figure in KiB.
    met: known(f?.rssKiBPerClient, (v) => v * 1.024 <= 50),
  });
  checks.push({
    what: `All ${f?.connected ?? 2000} clients received a change (worst of ${f?.allReceivedMs.count ?? 0})`,
    target: '≤ 250 ms',
    figure: f ? `${f.allReceivedMs.max} ms (median ${f.allReceivedMs.p50} ms)` : 'not measured',
    met: known(f && f.incomplete === 0 ? f.allReceivedMs.max : undefined, (v) => v <= 250),
  });
  const n = results.national;
  checks.push({
    what: `Summary endpoint p99 with ${n?.units ?? 50000} units`,
    target: '≤ 50 ms',
    figure: n ? `${n.summaryThroughGatewayMs.p99} ms` : 'not measured',
    met: known(n?.summaryThroughGatewayMs.p99, (v) => v <= 50),
  });
  return checks;
}

const mark = (met: boolean | null) => (met === null ? '—' : met ? 'met' : '**missed**');
const d4 = (d: Distribution) => `${d.p50} / ${d.p95} / ${d.p99} / ${d.max}`;
const d2 = (d: Distribution) => `${d.p50} / ${d.p99}`;

function table(header: string[], rows: (string | number)[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

export function markdown(results: BenchResults): string {
  const parts: string[] = [];
  const m = results.machine;
  parts.push(
    `Run ${results.startedAt} (${results.mode} mode${(results.replicas ?? 1) > 1 ? `, ${results.replicas} gateways and ${results.replicas} capacity-service instances behind local proxies` : ''}, ${results.durationSeconds} s${results.commit ? `, commit ${results.commit.slice(0, 8)}` : ''}) on ` +
      `${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.node}. Load average at start ` +
      `${results.loadavgAtStart.join(' / ')}` +
      (results.whole
        ? `, at the end ${results.whole.loadavg.join(' / ')}; CPUs ${results.whole.cpuBusyPercent} % busy over the run (everything on the machine).`
        : '.'),
  );
  parts.push(
    '',
    table(
      ['target', 'figure', 'goal', 'status'],
      results.targets.map((t) => [t.what, t.figure, t.target, mark(t.met)]),
    ),
  );
  if (results.latency) {
    parts.push(
      '',
      `**End-to-end latency** (2xx of the write → \`capacity:changed\` at a subscribed client; ${results.latency.units} units, ` +
        `${results.latency.clients} clients; ms p50 / p95 / p99 / max):`,
      '',
      table(
        [
          'writes/s',
          'achieved',
          'matched',
          'errors / skipped / unseen',
          '2xx → client',
          'request → 2xx p50 / p99',
          '2xx → capacity txn p50 / p99',
          'capacity txn → client p50 / p99',
          'pushes to other clients',
          'CPU ms per write: institution / capacity / gateway',
          'CPU busy, load',
        ],
        results.latency.steps.map((s) => [
          s.rate,
          s.achievedRate,
          s.latencyMs.count,
          `${Object.values(s.errors).reduce((a, b) => a + b, 0)} / ${s.skipped} / ${s.unseen}`,
          d4(s.latencyMs),
          d2(s.responseMs),
          d2(s.toCapacityMs),
          d2(s.capacityToClientMs),
          s.backgroundMessages,
          `${s.cpuMsPerWrite['institution-service']} / ${s.cpuMsPerWrite['capacity-service']} / ${s.cpuMsPerWrite.gateway}`,
          `${s.machine.cpuBusyPercent} %, ${s.machine.loadavg[0]}`,
        ]),
      ),
    );
  }
  if (results.referral) {
    parts.push(
      '',
      `**Referral → visible** (2xx of \`POST /api/intake/referrals\` → the category's \`capacity:changed\` with ` +
        `\`waiting\` risen at a subscribed client, and → the referral's \`intake:changed\` at an intake user's ` +
        `socket (the Inntak page), beside occupancy writes on ${results.referral.units} units, ` +
        `${results.referral.clients} clients; ms p50 / p95 / p99 / max):`,
      '',
      table(
        [
          'writes/s',
          'referrals/s',
          'matched',
          'errors / skipped / unseen',
          '2xx → client',
          '2xx → Inntak page',
          'request → 2xx p50 / p99',
        ],
        results.referral.steps.map((s) => [
          s.writeRate,
          s.referralRate,
          s.latencyMs.count,
          `${Object.values(s.errors).reduce((a, b) => a + b, 0)} / ${s.skipped} / ${s.unseen}`,
          d4(s.latencyMs),
          s.toIntakePageMs ? d4(s.toIntakePageMs) : '—',
          d2(s.responseMs),
        ]),
      ),
    );
  }
  if (results.floor) {
    const r = ratio(results);
    parts.push(
      '',
      `**Kafka floor** (raw kafkajs produce → consume, ${results.floor.partitions} partitions, acks all, one send in flight taking every waiting message; ms):` +
        (r === null ? '' : ` ratio end-to-end p99 / floor p99 at ${TARGET_RATE}/s = **${r}**.`),
      '',
      table(
        [
          'messages/s',
          'received',
          'round trip p50 / p95 / p99 / max',
          'produce (acks) p50 / p99',
          'messages per send',
          'CPU busy, load',
        ],
        results.floor.steps.map((s) => [
          s.rate,
          `${s.received}/${s.sent}`,
          d4(s.roundTripMs),
          d2(s.produceMs),
          s.messagesPerSend,
          `${s.machine.cpuBusyPercent} %, ${s.machine.loadavg[0]}`,
        ]),
      ),
    );
  }
  const drains = [results.drain?.one, results.drain?.two, results.national?.drain].filter(
    (x): x is DrainResult => x !== undefined,
  );
  if (drains.length > 0) {
    parts.push(
      '',
      '**Capacity-service drain** (events preloaded while stopped; start → consumer lag 0):',
      '',
      table(
        [
          'run',
          'instances',
          'events',
          'events/s',
          'drain s',
          'start → lag 0 s (boot included)',
          'outbox settled after s',
          'produced at events/s',
          'CPU busy, load',
        ],
        drains.map((x) => [
          x === results.national?.drain
            ? `national: ${results.national.units} registrations`
            : 'mixed changes',
          x.instances,
          x.events,
          x.completed ? x.eventsPerSecond : `${x.eventsPerSecond} (not finished)`,
          x.drainSeconds,
          x.startToZeroSeconds,
          x.outboxSettleSeconds ?? '—',
          x.produceEventsPerSecond,
          `${x.machine.cpuBusyPercent} %, ${x.machine.loadavg[0]}`,
        ]),
      ),
    );
  }
  const f = results.fanout;
  if (f) {
    parts.push(
      '',
      `**Gateway fan-out**: ${f.connected} clients (city + a district each; ${f.failed} failed) on one gateway, ` +
        `connected and subscribed in ${f.connectSeconds} s from ${f.farms} client processes. Gateway RSS ` +
        `${f.before.rssMiB} → ${f.after.rssMiB} MiB (${f.rssKiBPerClient} KiB per client), heap ` +
        `${f.before.heapUsedMiB} → ${f.after.heapUsedMiB} MiB (${f.heapKiBPerClient} KiB per client). ` +
        `Over ${f.allReceivedMs.count} changes (ms p50 / p95 / p99 / max): 2xx → all clients ${d4(f.allReceivedMs)}; ` +
        `2xx → first client ${d4(f.firstReceivedMs)}; first → last client ${d4(f.spreadMs)}. ` +
        `Gateway event-loop lag meanwhile p99 ${f.gatewayDuringChanges.eventLoopLagP99Ms} ms, max ${f.gatewayDuringChanges.eventLoopLagMaxMs} ms; ` +
        `gateway CPU ${f.gatewayCpuMsPerChange} ms per change; the client processes used ${f.farmCpuSeconds} CPU s; ` +
        `CPUs ${f.machine.cpuBusyPercent} % busy, load ${f.machine.loadavg[0]}.`,
    );
  }
  const n = results.national;
  if (n) {
    const mem = Object.entries(n.memory)
      .map(([s, p]) => `${s} ${p.rssMiB} MiB RSS / ${p.heapUsedMiB} MiB heap`)
      .join(', ');
    parts.push(
      '',
      `**National scale**: ${n.units} units in ${n.institutions} institutions registered in ${n.drain.drainSeconds} s ` +
        `(${n.drain.eventsPerSecond} events/s). \`GET /api/capacity/summary\` (${Math.round(n.summaryBytes / 1024)} KiB), one request at a time: ` +
        `through the gateway ${d4(n.summaryThroughGatewayMs)} ms; capacity-service alone ${d4(n.summaryFromCapacityMs)} ms; ${n.errors} errors. ` +
        `Memory: ${mem}.`,
    );
  }
  const errors = Object.entries(results.errors);
  if (errors.length > 0) {
    parts.push('', ...errors.map(([section, message]) => `- ${section} failed: ${message.split('\n')[0]}`));
  }
  return parts.join('\n');
}

/**
 * Replaces the text between `<!-- bench:<key>:begin -->` and its end marker (appends the section if
 * absent), formatted as `npm run format` would, so the format check stays green after a run.
 */
export async function writeSection(file: string, key: string, title: string, body: string): Promise<void> {
  const begin = `<!-- bench:${key}:begin -->`;
  const end = `<!-- bench:${key}:end -->`;
  const section = `${begin}\n${body}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
  const start = current.indexOf(begin);
  const stop = current.indexOf(end);
  const next =
    start >= 0 && stop > start
      ? `${current.slice(0, start)}${section}${current.slice(stop + end.length)}`
      : `${current.trimEnd()}\n\n## ${title}\n\n${section}\n`;
  // Loaded when a run writes the docs, not when the report is only computed (prettier loads itself lazily).
  const { format, resolveConfig } = await import('prettier');
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(next, { ...options, parser: 'markdown' }));
}

/**
 * `npm run seed`: loads the demo data (institutions, housing and the referral waiting list) into the running stack, where it has none.
 * `npm run seed -- --reset`: with the stack stopped, wipes its databases, Kafka topics and Redis keys,
 * then starts the services, loads the demo data afresh and stops them again (ADR 0013).
 */
import {
  checkPostgres,
  checkRedis,
  ensureKafka,
  launchStack,
  PreflightError,
  provisionStackKafka,
  stopKafka,
  type Stack,
} from '@plass/testing';
import { importFigures2024 } from '../figures-2024/load';
import { localSettings } from '../settings';
import { seedHousingDemo } from './housing-demo';
import { seedReferralDemo } from './referral-demo';
import { assertStackStopped, ResetRefused, seedDemoData, wipeStackData } from './seed';

const USAGE = `Usage:
  npm run seed               load the demo data into the running stack (npm start), if it has none yet
  npm run seed -- --reset    with the stack stopped: wipe all its data, then load the demo data afresh
  npm run seed -- --reset --figures-2024
                             the same, with the generated 2024 year in place of the demo institutions

Environment: GATEWAY_URL (default http://localhost:$GATEWAY_PORT, port 8080), DATABASE_URL, REDIS_URL,
KAFKA_BROKERS, and the *_PORT variables npm start reads.`;

const indent = (m: string) => console.log(`      ${m}`);

async function load(): Promise<void> {
  const settings = localSettings();
  const gatewayUrl = process.env.GATEWAY_URL ?? `http://localhost:${settings.ports.gateway}`;
  try {
    await fetch(new URL('/health/ready', gatewayUrl), { signal: AbortSignal.timeout(3000) });
  } catch {
    throw new PreflightError(
      `Plassoversikt does not answer at ${gatewayUrl}.\n` +
        'Start it with `npm start` (which loads the demo data itself), or set GATEWAY_URL.',
    );
  }
  console.log(`Loading demo data through ${gatewayUrl}`);
  indent(await seedDemoData(gatewayUrl, { onProgress: indent }));
  indent(await seedHousingDemo(gatewayUrl, { onProgress: indent }));
  indent(await seedReferralDemo(gatewayUrl, { onProgress: indent }));
}

async function reset(figures2024: boolean): Promise<void> {
  const settings = localSettings();
  const steps = 5;
  const step = (n: number, text: string) => console.log(`[${n}/${steps}] ${text}`);
  let stack: Stack | null = null;
  let startedKafka = false;
  try {
    step(1, 'Checking that Plassoversikt is stopped');
    await assertStackStopped(settings);
    await checkPostgres(settings.databaseUrl);
    await checkRedis(settings.redisUrl);
    step(2, 'Starting the Kafka broker if it is not running (infra/kafka)');
    startedKafka = ensureKafka();
    step(3, 'Wiping databases, Kafka topics and Redis keys');
    await wipeStackData(settings, { onProgress: indent });
    await provisionStackKafka(settings);
    indent('Kafka topics and ACLs provisioned again');
    step(4, 'Starting the services (migrations create the empty databases)');
    stack = await launchStack({ settings, onProgress: indent });
    step(5, figures2024 ? 'Loading the 2024 year and the demo housing and referrals' : 'Loading demo data');
    indent(
      figures2024
        ? await importFigures2024(stack.gatewayUrl, indent)
        : await seedDemoData(stack.gatewayUrl, { onProgress: indent }),
    );
    indent(await seedHousingDemo(stack.gatewayUrl, { onProgress: indent }));
    indent(await seedReferralDemo(stack.gatewayUrl, { onProgress: indent }));
  } finally {
    await stack?.stop();
    if (startedKafka) stopKafka();
  }
  console.log(`\nDone. Start Plassoversikt with \`npm start${figures2024 ? ' -- --figures-2024' : ''}\`.`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const unknown = args.filter((a) => a !== '--reset' && a !== '--figures-2024');
  if (unknown.length > 0) {
    console.error(`unknown argument ${unknown.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  try {
    if (args.includes('--figures-2024') && !args.includes('--reset')) {
      console.error(`--figures-2024 goes with --reset (or npm start -- --figures-2024)\n\n${USAGE}`);
      return 2;
    }
    await (args.includes('--reset') ? reset(args.includes('--figures-2024')) : load());
    return 0;
  } catch (error) {
    if (error instanceof PreflightError || error instanceof ResetRefused) {
      console.error(`\n${error.message}`);
    } else {
      console.error(`\nThe seed failed: ${(error as Error).stack ?? String(error)}`);
    }
    return 1;
  }
}

void main().then((code) => process.exit(code));

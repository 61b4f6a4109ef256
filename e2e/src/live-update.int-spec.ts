import { signDevToken } from '@plass/auth';
import {
  admitResident,
  contractClient,
  dischargeResident,
  getUnit,
  registerInstitution,
  registerUnit,
  type AlertData,
  type CapacityChangedData,
  type ClientToServerEvents,
  type ContractClient,
  type ServerToClientEvents,
  type SubscribeAck,
  type UnitDto,
} from '@plass/contracts';
import { eventually, institutionFactory, startTestStack, unitFactory, type TestStack } from '@plass/testing';
import { io, type Socket } from 'socket.io-client';

type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

describe('live capacity updates end to end', () => {
  let stack: TestStack;
  /** The institution routes through the gateway, each answer parsed by its route's schema. */
  let staff: ContractClient;
  let unit: UnitDto;
  let client: LiveClient;
  /** The newest city state seen, from the snapshot and then from pushes; unset until the first subscribe answer. */
  let city: CapacityChangedData | undefined;
  const cityNow = (): CapacityChangedData => {
    if (!city) throw new Error('no subscribe answer for the city yet');
    return city;
  };

  beforeAll(async () => {
    stack = await startTestStack();
    const as = (token: string) =>
      contractClient({ baseUrl: stack.gatewayUrl, headers: () => ({ authorization: `Bearer ${token}` }) });
    const admin = as(await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }));
    const institution = await admin.call(registerInstitution, { body: institutionFactory().build() });
    unit = await admin.call(registerUnit, {
      params: { id: institution.id },
      body: unitFactory().capacity(4).build(),
    });
    staff = as(
      await signDevToken({
        roles: ['institution-staff'],
        institutionIds: [institution.id],
        districtCode: null,
      }),
    );

    const districtToken = await signDevToken({
      roles: ['district-staff'],
      institutionIds: [],
      districtCode: '030103',
    });
    client = io(`${stack.gatewayUrl}/live`, { auth: { token: districtToken }, transports: ['websocket'] });
    // The room is joined before the snapshot is read, so a push can arrive before the subscribe answer
    // (it did, when a change of the unit's registration landed in between): until the answer there is no
    // `city` to compare with, so keep the newest push and let the newer of the two win once it comes.
    let pushedBeforeAnswer: CapacityChangedData | undefined;
    client.on('capacity:changed', (change) => {
      if (change.key !== 'city') return;
      if (city === undefined) {
        if (!pushedBeforeAnswer || change.version > pushedBeforeAnswer.version) pushedBeforeAnswer = change;
      } else if (change.version > city.version) city = change;
    });
    // The unit's registration reaches the read model asynchronously: subscribe until the city includes it.
    await eventually(
      async () => {
        const ack = await client.timeout(5000).emitWithAck('subscribe', { scope: 'city' });
        expect(ack.ok).toBe(true);
        const snapshot = (ack as Extract<SubscribeAck, { ok: true }>).snapshot;
        expect(snapshot.totals.capacity).toBe(4);
        city =
          pushedBeforeAnswer && pushedBeforeAnswer.version > snapshot.version ? pushedBeforeAnswer : snapshot;
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
  }, 120_000);

  afterAll(async () => {
    client?.disconnect();
    await stack?.dispose();
  });

  const admit = (
    body: { referringDistrictCode: '030101' | '030103'; allowOverCapacity?: boolean },
    key?: string,
  ) =>
    staff.call(
      admitResident,
      { params: { unitId: unit.id }, body },
      { headers: key ? { 'idempotency-key': key } : {} },
    );
  const readUnit = () => staff.call(getUnit, { params: { unitId: unit.id } });

  it('pushes an admission to a city subscriber within 5 seconds of the 201', async () => {
    const before = cityNow().totals.occupied;
    const admitted = await admit({ referringDistrictCode: '030103' }, 'admission-e2e-1');
    expect(admitted.unit.occupied).toBe(1);
    const acknowledgedAt = Date.now();
    await eventually(() => expect(cityNow().totals.occupied).toBe(before + 1), {
      timeoutMs: 5000,
      intervalMs: 10,
    });
    expect(Date.now() - acknowledgedAt).toBeLessThan(5000);
    expect(cityNow().totals.available).toBe(cityNow().totals.capacity - cityNow().totals.occupied);
  });

  it('answers a repeated Idempotency-Key with the first result and changes nothing', async () => {
    const unitBefore = await readUnit();
    const repeat = await admit({ referringDistrictCode: '030103' }, 'admission-e2e-1');
    expect(repeat.unit.occupied).toBe(unitBefore.occupied);
    const unitAfter = await readUnit();
    expect(unitAfter.occupied).toBe(unitBefore.occupied);
    expect(unitAfter.sequence).toBe(unitBefore.sequence);
  });

  it('pushes the discharge, one lower', async () => {
    const before = cityNow().totals.occupied;
    const admission = await admit({ referringDistrictCode: '030101' });
    await eventually(() => expect(cityNow().totals.occupied).toBe(before + 1), {
      timeoutMs: 5000,
      intervalMs: 10,
    });
    const discharged = await staff.call(dischargeResident, {
      params: { unitId: unit.id },
      body: { stayId: admission.stayId, reason: 'planned' },
    });
    expect(discharged.unit.occupied).toBe(admission.unit.occupied - 1);
    await eventually(() => expect(cityNow().totals.occupied).toBe(before), {
      timeoutMs: 5000,
      intervalMs: 10,
    });
  });

  it('pushes an overcapacity alert to city subscribers when an emergency admission overfills the unit', async () => {
    const raised: AlertData[] = [];
    client.on('alert:raised', (alert) => raised.push(alert));
    const current = await readUnit();
    for (let i = 0; i <= current.available; i++) {
      await admit({ referringDistrictCode: '030103', allowOverCapacity: true });
    }
    await eventually(
      () =>
        expect(raised).toContainEqual(
          expect.objectContaining({ code: 'OVER_CAPACITY', scopeKey: `unit:${unit.id}`, status: 'open' }),
        ),
      { timeoutMs: 5000, intervalMs: 20 },
    );
  });

  it('refuses a socket without a token, saying why', async () => {
    const anonymous: LiveClient = io(`${stack.gatewayUrl}/live`, {
      transports: ['websocket'],
      reconnection: false,
    });
    const error = await new Promise<Error>((resolve) => anonymous.once('connect_error', resolve));
    anonymous.disconnect();
    expect(error.message).toMatch(/unauthorized/i);
  });
});

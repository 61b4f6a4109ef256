/** Loads the demo data through the public REST API (so every change flows through Kafka like real use). */
import { signDevToken } from '@plass/auth';
import type { InstitutionDto, UnitDto } from '@plass/contracts';
import { DISTRICTS, SERVICE_CATEGORIES, type DistrictCode } from '@plass/domain';
import { ApiClient, expectStatus } from '@plass/testing';
import { DEMO_INSTITUTIONS, DEMO_OCCUPANCY } from './demo-data';

export interface SeedOptions {
  onProgress?: (message: string) => void;
  /** Fixed start of the pseudo-random sequence, so every seed gives the same numbers. */
  seed?: number;
}

/** Referring districts drawn in proportion to their adult population. */
function districtPicker(random: () => number): () => DistrictCode {
  const weighted = DISTRICTS.filter((d) => d.adults !== null) as { code: DistrictCode; adults: number }[];
  const total = weighted.reduce((t, d) => t + d.adults, 0);
  return () => {
    let r = random() * total;
    for (const d of weighted) if ((r -= d.adults) < 0) return d.code;
    return weighted[weighted.length - 1].code;
  };
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

/** Loads the demo institutions unless the registry already has institutions; returns a one-line summary. */
export async function seedDemoData(gatewayUrl: string, options: SeedOptions = {}): Promise<string> {
  const api = new ApiClient(
    gatewayUrl,
    await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null, sub: 'demo-seed' }),
  );
  const existing = expectStatus(await api.get<InstitutionDto[]>('/api/institutions'), 200);
  if (existing.length > 0)
    return `demo data already loaded (${existing.length} institutions); npm run seed -- --reset reloads it`;

  const random = mulberry32(options.seed ?? 2026);
  const pickDistrict = districtPicker(random);
  const units: UnitDto[] = [];
  for (const demo of DEMO_INSTITUTIONS) {
    const institution = expectStatus(
      await api.post<InstitutionDto>('/api/institutions', {
        name: demo.name,
        providerType: demo.providerType,
        districtCode: demo.districtCode,
      }),
      201,
    );
    for (const unit of demo.units) {
      units.push(
        expectStatus(await api.post<UnitDto>(`/api/institutions/${institution.id}/units`, unit), 201),
      );
    }
  }
  options.onProgress?.(`${DEMO_INSTITUTIONS.length} institutions, ${units.length} units registered`);

  let admitted = 0;
  const today = Date.now();
  await inParallel(units, 4, async (unit) => {
    const target = Math.round(unit.capacity * DEMO_OCCUPANCY[unit.category]);
    const norm = SERVICE_CATEGORIES.find((c) => c.code === unit.category)?.normedMaxStayDays ?? 90;
    for (let i = 0; i < target; i++) {
      const plannedInDays = 1 + Math.floor(random() * norm);
      expectStatus(
        await api.post(`/api/units/${unit.id}/admissions`, {
          referringDistrictCode: pickDistrict(),
          plannedDischargeDate: new Date(today + plannedInDays * 86_400_000).toISOString().slice(0, 10),
        }),
        201,
      );
      admitted += 1;
    }
  });
  const places = units.reduce((t, u) => t + u.capacity, 0);
  return `demo data loaded: ${DEMO_INSTITUTIONS.length} institutions, ${units.length} units, ${places} places, ${admitted} residents`;
}

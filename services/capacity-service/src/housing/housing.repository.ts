/** SQL of the housing read model: dwellings' states, districts' need, and per-district versions. */
import { Injectable } from '@nestjs/common';
import { HOUSING_TYPES, type DistrictCode, type HousingStatus, type HousingType } from '@plass/domain';
import type { EntityManager } from 'typeorm';
import type { HousingNeedState, HousingUnitState, NeedCount, StatusCount } from './housing-projection';

interface UnitRow {
  housing_unit_id: string;
  district_code: DistrictCode;
  housing_type: HousingType;
  status: HousingStatus;
  sequence: string;
  last_change_at: Date;
}

export interface DistrictVersion {
  districtCode: DistrictCode;
  version: number;
  updatedAt: Date;
}

@Injectable()
export class HousingRepository {
  /** Reads and locks the dwellings' states, in id order so that concurrent batches cannot deadlock. */
  async lockUnits(manager: EntityManager, ids: string[]): Promise<Map<string, HousingUnitState>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.query<UnitRow[]>(
      `SELECT * FROM housing_unit_state WHERE housing_unit_id = ANY($1::uuid[])
        ORDER BY housing_unit_id FOR UPDATE`,
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.housing_unit_id,
        {
          housingUnitId: r.housing_unit_id,
          districtCode: r.district_code,
          type: r.housing_type,
          status: r.status,
          sequence: Number(r.sequence),
          lastChangeAt: r.last_change_at.toISOString(),
        },
      ]),
    );
  }

  /** The stored sequence of each district's need, its rows locked in key order. */
  async lockNeedSequences(
    manager: EntityManager,
    districts: DistrictCode[],
  ): Promise<Map<DistrictCode, number>> {
    if (districts.length === 0) return new Map();
    const rows = await manager.query<{ district_code: DistrictCode; sequence: string }[]>(
      `SELECT district_code, sequence FROM housing_need WHERE district_code = ANY($1)
        ORDER BY district_code, housing_type FOR UPDATE`,
      [districts],
    );
    return new Map(rows.map((r) => [r.district_code, Number(r.sequence)]));
  }

  async saveUnits(manager: EntityManager, units: HousingUnitState[]): Promise<void> {
    if (units.length === 0) return;
    await manager.query(
      `INSERT INTO housing_unit_state (housing_unit_id, district_code, housing_type, status, sequence, last_change_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::timestamptz[])
       ON CONFLICT (housing_unit_id) DO UPDATE SET
         district_code = EXCLUDED.district_code, housing_type = EXCLUDED.housing_type,
         status = EXCLUDED.status, sequence = EXCLUDED.sequence, last_change_at = EXCLUDED.last_change_at
       WHERE housing_unit_state.sequence < EXCLUDED.sequence`,
      [
        units.map((u) => u.housingUnitId),
        units.map((u) => u.districtCode),
        units.map((u) => u.type),
        units.map((u) => u.status),
        units.map((u) => u.sequence),
        units.map((u) => u.lastChangeAt),
      ],
    );
  }

  /** Stores each district's whole need, one row per housing type. */
  async saveNeeds(manager: EntityManager, needs: HousingNeedState[]): Promise<void> {
    const rows = needs.flatMap((n) =>
      HOUSING_TYPES.map((type) => ({ ...n, type, households: n.needs[type] })),
    );
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO housing_need (district_code, housing_type, households, sequence, updated_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::timestamptz[])
       ON CONFLICT (district_code, housing_type) DO UPDATE SET
         households = EXCLUDED.households, sequence = EXCLUDED.sequence, updated_at = EXCLUDED.updated_at
       WHERE housing_need.sequence < EXCLUDED.sequence`,
      [
        rows.map((r) => r.districtCode),
        rows.map((r) => r.type),
        rows.map((r) => r.households),
        rows.map((r) => r.sequence),
        rows.map((r) => r.updatedAt),
      ],
    );
  }

  /**
   * Bumps the districts' versions, in key order. The row lock also orders concurrent batches of one
   * district: the later one counts the supply only after the earlier one committed.
   */
  async bumpVersions(
    manager: EntityManager,
    districts: DistrictCode[],
  ): Promise<Map<DistrictCode, DistrictVersion>> {
    if (districts.length === 0) return new Map();
    const rows = await manager.query<{ district_code: DistrictCode; version: string; updated_at: Date }[]>(
      `INSERT INTO housing_district AS d (district_code, version, updated_at)
       SELECT code, 1, now() FROM unnest($1::text[]) AS code ORDER BY code
       ON CONFLICT (district_code) DO UPDATE SET version = d.version + 1, updated_at = now()
       RETURNING district_code, version, updated_at`,
      [[...districts].sort()],
    );
    return new Map(rows.map((r) => [r.district_code, toVersion(r)]));
  }

  async versions(manager: EntityManager): Promise<Map<DistrictCode, DistrictVersion>> {
    const rows = await manager.query<{ district_code: DistrictCode; version: string; updated_at: Date }[]>(
      'SELECT district_code, version, updated_at FROM housing_district',
    );
    return new Map(rows.map((r) => [r.district_code, toVersion(r)]));
  }

  /** Dwellings by status and registered need, per district and type; null counts every district. */
  async counts(
    manager: EntityManager,
    districts: DistrictCode[] | null,
  ): Promise<{ statusCounts: StatusCount[]; needCounts: NeedCount[] }> {
    const filter = districts ? 'WHERE district_code = ANY($1)' : '';
    const params = districts ? [districts] : [];
    const [statusRows, needRows] = await Promise.all([
      manager.query<
        { district_code: DistrictCode; housing_type: HousingType; status: HousingStatus; count: number }[]
      >(
        `SELECT district_code, housing_type, status, count(*)::int AS count FROM housing_unit_state ${filter}
          GROUP BY district_code, housing_type, status`,
        params,
      ),
      manager.query<{ district_code: DistrictCode; housing_type: HousingType; households: number }[]>(
        `SELECT district_code, housing_type, households FROM housing_need ${filter}`,
        params,
      ),
    ]);
    return {
      statusCounts: statusRows.map((r) => ({
        districtCode: r.district_code,
        type: r.housing_type,
        status: r.status,
        count: r.count,
      })),
      needCounts: needRows.map((r) => ({
        districtCode: r.district_code,
        type: r.housing_type,
        households: r.households,
      })),
    };
  }
}

function toVersion(r: { district_code: DistrictCode; version: string; updated_at: Date }): DistrictVersion {
  return { districtCode: r.district_code, version: Number(r.version), updatedAt: r.updated_at };
}

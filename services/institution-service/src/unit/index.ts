/** The unit aggregate's public surface, for the command folders (occupancy, blocks, reservations, unit-counts) and the registry. */
export {
  assertInstitutionWrite,
  assertOpen,
  UnitChanges,
  type LockOptions,
  type NewUnit,
} from './unit-changes.service';
export { UnitEntity } from './unit.entity';
export { toUnitDto } from './unit.mapper';
export { UnitModule } from './unit.module';

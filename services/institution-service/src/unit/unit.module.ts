import { Module } from '@nestjs/common';
import { UnitChanges } from './unit-changes.service';
import { UnitRepository } from './unit.repository';

/**
 * The unit aggregate: its row, the lock every change takes, the commit (counts, sequence and outbox
 * event in one transaction). The command folders import it; it imports none of them (ADR 0151).
 */
@Module({
  providers: [UnitRepository, UnitChanges],
  exports: [UnitChanges],
})
export class UnitModule {}

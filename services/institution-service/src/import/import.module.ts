import { Module } from '@nestjs/common';
import { ImportController } from './import.controller';
import { ImportRepository } from './import.repository';
import { ImportService } from './import.service';

/**
 * The history import (issue 17): CSV files validated row by row and applied as the changes they were,
 * through the outbox like live writes (ADR 0217–0219). It writes its own bulk SQL and reads no other
 * command folder; the unit's event builder is the one live writes use.
 */
@Module({
  controllers: [ImportController],
  providers: [ImportRepository, ImportService],
})
export class ImportModule {}

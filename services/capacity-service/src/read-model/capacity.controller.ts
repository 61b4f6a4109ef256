import { BadRequestException, Controller, Get, Inject, NotFoundException, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { plainTextProblem, type CapacityChangedData } from '@plass/contracts';
import { SCOPES, scopeKey, type Scope } from '@plass/domain';
import { CapacityReadService } from './capacity-read.service';

@ApiTags('capacity')
@ApiBearerAuth()
@Controller('api/capacity')
export class CapacityController {
  constructor(@Inject(CapacityReadService) private readonly reads: CapacityReadService) {}

  @Get('summary')
  summary() {
    return this.reads.summary();
  }

  /** The current state and version of one scope (the gateway's subscribe snapshot). */
  @Get('snapshot')
  @ApiQuery({ name: 'scope', enum: SCOPES })
  @ApiQuery({ name: 'id', required: false })
  async snapshot(@Query('scope') scope: string, @Query('id') id?: string): Promise<CapacityChangedData> {
    if (!SCOPES.includes(scope as Scope)) {
      throw new BadRequestException(`scope must be one of: ${SCOPES.join(', ')}`);
    }
    if (scope !== 'city' && !id) throw new BadRequestException(`scope ${scope} needs an id`);
    // The id reaches Redis and SQL: text with a NUL would be a database error, not a 404 (ADR 0110).
    if (id !== undefined && (typeof id !== 'string' || id.length > 100 || plainTextProblem(id))) {
      throw new BadRequestException('id must be at most 100 characters without control characters');
    }
    const snapshot = await this.reads.snapshot(scopeKey(scope as Scope, id));
    if (!snapshot) throw new NotFoundException(`no capacity is known for ${scopeKey(scope as Scope, id)}`);
    return snapshot;
  }
}

import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '@plass/auth';
import type { BlockDto, BlockResultDto, UnitResultDto } from '@plass/contracts';
import { ApiProblems, BlockModel, BlockResultModel, UnitResultModel } from '../common/api-models';
import { IdempotentWrite, Write, type WriteRequest } from '../common/write-request';
import { BlocksService } from './blocks.service';
import { CreateBlockDto } from './dto/create-block.dto';

@ApiTags('blocks')
@ApiBearerAuth()
@ApiParam({ name: 'unitId', format: 'uuid', description: 'The unit' })
@Controller('api/units/:unitId/blocks')
export class BlocksController {
  constructor(@Inject(BlocksService) private readonly blocks: BlocksService) {}

  @Get()
  @ApiOperation({ summary: 'The open blocks of a unit (any role)' })
  @ApiOkResponse({ type: [BlockModel] })
  @ApiProblems([404, 'No such unit'])
  list(@Param('unitId', ParseUUIDPipe) unitId: string): Promise<BlockDto[]> {
    return this.blocks.listOpen(unitId);
  }

  @Post()
  @HttpCode(201)
  @Roles('institution-staff', 'admin')
  @IdempotentWrite()
  @ApiOperation({
    summary: 'Take places out of use (institution staff of the unit, admin)',
    description: 'With `until`, the places come back into use by themselves at that time (event `unblock`).',
  })
  @ApiCreatedResponse({ type: BlockResultModel })
  @ApiProblems(
    [403, 'Not staff of this institution'],
    [404, 'No such unit'],
    [409, 'Unit closed, or more places blocked than the unit has'],
  )
  block(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() dto: CreateBlockDto,
    @Write() request: WriteRequest,
  ): Promise<BlockResultDto> {
    return this.blocks.block(unitId, dto, request);
  }

  @Delete(':blockId')
  @HttpCode(200)
  @Roles('institution-staff', 'admin')
  @IdempotentWrite()
  @ApiOperation({
    summary: 'Lift a block: its places are in use again (institution staff of the unit, admin)',
  })
  @ApiOkResponse({ type: UnitResultModel })
  @ApiProblems(
    [403, 'Not staff of this institution'],
    [404, 'No such unit or block'],
    [409, 'The block was already released'],
  )
  lift(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Param('blockId', ParseUUIDPipe) blockId: string,
    @Write() request: WriteRequest,
  ): Promise<UnitResultDto> {
    return this.blocks.lift(unitId, blockId, request);
  }
}

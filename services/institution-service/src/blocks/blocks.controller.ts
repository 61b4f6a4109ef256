import { Body, Controller, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { Roles } from '@plass/auth';
import {
  blockPlaces,
  liftBlock,
  listOpenBlocks,
  type BlockDto,
  type BlockResultDto,
  type UnitResultDto,
} from '@plass/contracts';
import { bodyDto, ContractRoute } from '@plass/observability';
import { Write, type WriteRequest } from '../common/write-request';
import { BlocksService } from './blocks.service';

class BlockPlacesBody extends bodyDto(blockPlaces) {}

@Controller()
export class BlocksController {
  constructor(@Inject(BlocksService) private readonly blocks: BlocksService) {}

  @ContractRoute(listOpenBlocks)
  list(@Param('unitId', ParseUUIDPipe) unitId: string): Promise<BlockDto[]> {
    return this.blocks.listOpen(unitId);
  }

  @ContractRoute(blockPlaces)
  @Roles('institution-staff', 'admin')
  block(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() body: BlockPlacesBody,
    @Write() request: WriteRequest,
  ): Promise<BlockResultDto> {
    return this.blocks.block(unitId, body, request);
  }

  @ContractRoute(liftBlock)
  @Roles('institution-staff', 'admin')
  lift(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Param('blockId', ParseUUIDPipe) blockId: string,
    @Write() request: WriteRequest,
  ): Promise<UnitResultDto> {
    return this.blocks.lift(unitId, blockId, request);
  }
}

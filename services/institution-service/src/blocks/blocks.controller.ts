import { Body, Controller, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { Roles } from '@plass/auth';
import {
  blockPlaces,
  correctBlock,
  liftBlock,
  listOpenBlocks,
  type BlockDto,
  type BlockResultDto,
  type UnitResultDto,
} from '@plass/contracts';
import { bodyDto, ContractRoute, queryDto } from '@plass/observability';
import { Write, type WriteRequest } from '../common/write-request';
import { BlocksService } from './blocks.service';

class BlockPlacesBody extends bodyDto(blockPlaces) {}
class LiftBlockQuery extends queryDto(liftBlock) {}
class BlockCorrectionBody extends bodyDto(correctBlock) {}

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
    @Query() query: LiftBlockQuery,
    @Write() request: WriteRequest,
  ): Promise<UnitResultDto> {
    return this.blocks.lift(unitId, blockId, query.to, withQueryInFingerprint(request, query.to));
  }

  @ContractRoute(correctBlock)
  @Roles('institution-staff', 'admin')
  correct(
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Param('blockId', ParseUUIDPipe) blockId: string,
    @Body() body: BlockCorrectionBody,
    @Write() request: WriteRequest,
  ): Promise<UnitResultDto> {
    return this.blocks.correct(unitId, blockId, body, request);
  }
}

/**
 * The Idempotency-Key fingerprint covers the path and the body, not the query: a lifting's `to` is made
 * part of the path it binds, so the same key with another `to` is refused (422) like another body would be.
 */
function withQueryInFingerprint(request: WriteRequest, to: string | undefined): WriteRequest {
  if (to === undefined) return request;
  return {
    ...request,
    idempotency: { ...request.idempotency, path: `${request.idempotency.path}?to=${to}` },
  };
}

import { Body, Controller, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { CurrentUser, Roles, type AuthUser } from '@plass/auth';
import { endPurchase, listPurchases, recordPurchase, type Purchase } from '@plass/contracts';
import { bodyDto, ContractRoute, queryDto } from '@plass/observability';
import { Write, type WriteRequest } from '../write-request';
import { PurchasesService } from './purchases.service';

class RecordPurchaseDto extends bodyDto(recordPurchase) {}
class ListPurchasesQueryDto extends queryDto(listPurchases) {}
class EndPurchaseDto extends bodyDto(endPurchase) {}

/** Serves the purchase routes of libs/contracts/src/rest/purchases.ts; the district checks are the service's. */
@Controller()
export class PurchasesController {
  constructor(@Inject(PurchasesService) private readonly purchases: PurchasesService) {}

  @ContractRoute(recordPurchase)
  @Roles('intake', 'admin', 'district-staff')
  record(@Body() body: RecordPurchaseDto, @Write() request: WriteRequest): Promise<Purchase> {
    return this.purchases.record(body, request);
  }

  @ContractRoute(listPurchases)
  @Roles('intake', 'admin', 'district-staff')
  list(@Query() query: ListPurchasesQueryDto, @CurrentUser() user: AuthUser): Promise<Purchase[]> {
    return this.purchases.list(query, user);
  }

  @ContractRoute(endPurchase)
  @Roles('intake', 'admin', 'district-staff')
  end(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EndPurchaseDto,
    @Write() request: WriteRequest,
  ): Promise<Purchase> {
    return this.purchases.end(id, body, request);
  }
}

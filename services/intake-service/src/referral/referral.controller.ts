import { Body, Controller, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { CurrentUser, Roles, type AuthUser } from '@plass/auth';
import {
  createReferral,
  getReferral,
  listReferrals,
  withdrawReferral,
  type Referral,
} from '@plass/contracts';
import { bodyDto, ContractRoute, queryDto } from '@plass/observability';
import { Write, type WriteRequest } from '../write-request';
import { ReferralService } from './referral.service';

class CreateReferralDto extends bodyDto(createReferral) {}
class ListReferralsQueryDto extends queryDto(listReferrals) {}
class WithdrawReferralDto extends bodyDto(withdrawReferral) {}

/** Serves the routes of libs/contracts/src/rest/intake.ts; the district checks are the service's. */
@Controller()
export class ReferralController {
  constructor(@Inject(ReferralService) private readonly referrals: ReferralService) {}

  @ContractRoute(createReferral)
  @Roles('intake', 'district-staff')
  create(@Body() body: CreateReferralDto, @Write() request: WriteRequest): Promise<Referral> {
    return this.referrals.create(body, request);
  }

  @ContractRoute(listReferrals)
  @Roles('intake', 'admin', 'district-staff')
  list(@Query() query: ListReferralsQueryDto, @CurrentUser() user: AuthUser): Promise<Referral[]> {
    return this.referrals.list(query, user);
  }

  @ContractRoute(getReferral)
  @Roles('intake', 'admin', 'district-staff')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<Referral> {
    return this.referrals.get(id, user);
  }

  @ContractRoute(withdrawReferral)
  @Roles('intake', 'district-staff')
  withdraw(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: WithdrawReferralDto,
    @Write() request: WriteRequest,
  ): Promise<Referral> {
    return this.referrals.withdraw(id, body, request);
  }
}

import { Body, Controller, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { CurrentUser, Roles, type AuthUser } from '@plass/auth';
import {
  answerOffer,
  getReferralMatches,
  makeOffer,
  type AnswerOfferBody,
  type Referral,
  type ReferralMatches,
} from '@plass/contracts';
import { bodyDto, ContractRoute } from '@plass/observability';
import { Write, type WriteRequest } from '../write-request';
import { OffersService } from './offers.service';

class MakeOfferDto extends bodyDto(makeOffer) {}
/**
 * The answer's body is a union (accept, or decline with a reason), which a class cannot extend as its type;
 * the class still carries the schema, so the validation pipe parses the body with it.
 */
class AnswerOfferDto extends (bodyDto(answerOffer) as new () => object) {}

/** Matching, offers and answers (libs/contracts/src/rest/intake.ts); who may is the service's check. */
@Controller()
export class OffersController {
  constructor(@Inject(OffersService) private readonly offers: OffersService) {}

  /** Any signed-in role reaches the service, which answers 403 NOT_INTAKE to all but intake. */
  @ContractRoute(getReferralMatches)
  matches(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<ReferralMatches> {
    return this.offers.matches(id, user);
  }

  @ContractRoute(makeOffer)
  makeOffer(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MakeOfferDto,
    @Write() request: WriteRequest,
  ): Promise<Referral> {
    return this.offers.makeOffer(id, body, request);
  }

  @ContractRoute(answerOffer)
  @Roles('intake', 'district-staff')
  answer(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('offerId', ParseUUIDPipe) offerId: string,
    @Body() body: AnswerOfferDto,
    @Write() request: WriteRequest,
  ): Promise<Referral> {
    return this.offers.answerOffer(id, offerId, body as AnswerOfferBody, request);
  }
}

import { Body, Controller } from '@nestjs/common';
import { AuthError, signDevToken } from '@plass/auth';
import { requestDevToken, type DevTokenResponse } from '@plass/contracts';
import { bodyDto, ContractRoute, problem } from '@plass/observability';

class RequestDevTokenBody extends bodyDto(requestDevToken) {}

/**
 * Development sign-in for the dashboard: a token signed with the local development key for the role
 * picked on the sign-in page. Registered only when NODE_ENV is not production, and signDevToken refuses
 * there as well; production sign-in is OIDC. Public (the contract says so, and the guard reads it).
 */
@Controller()
export class DevLoginController {
  @ContractRoute(requestDevToken)
  async token(@Body() request: RequestDevTokenBody): Promise<DevTokenResponse> {
    const institutionIds = request.role === 'institution-staff' ? (request.institutionIds ?? []) : [];
    const districtCode = request.role === 'district-staff' ? (request.districtCode ?? null) : null;
    try {
      const token = await signDevToken({
        sub: `dev-${request.role}${districtCode ? `-${districtCode}` : ''}`,
        roles: [request.role],
        institutionIds,
        districtCode,
      });
      return { token };
    } catch (error) {
      if (error instanceof AuthError) {
        throw problem(400, 'Invalid token request', error.message, { code: 'INVALID_TOKEN_REQUEST' });
      }
      throw error;
    }
  }
}

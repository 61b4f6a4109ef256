import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthError, Public, signDevToken } from '@plass/auth';
import { problem } from '@plass/observability';
import { DevTokenRequestDto, type DevTokenResponse } from './dev-token-request.dto';

/**
 * Development sign-in for the dashboard: a token signed with the local development key for the role
 * picked on the sign-in page. Registered only when NODE_ENV is not production, and signDevToken refuses
 * there as well; production sign-in is OIDC.
 */
@ApiTags('development')
@Controller('api/dev')
export class DevLoginController {
  @Post('token')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'A development token for a role (not available when NODE_ENV=production)' })
  async token(@Body() request: DevTokenRequestDto): Promise<DevTokenResponse> {
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

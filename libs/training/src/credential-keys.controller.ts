import { Public } from '@app/identity';
import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '@app/identity';
import { CertificatePublicService } from './certificate-public.service.js';
import { CredentialKeysService } from './credential-keys.service.js';

/** Where verifiers find the keys and issuer profiles that signed credentials point to. */
@ApiTags('training')
@Controller()
export class CredentialKeysController {
  constructor(
    private readonly keys: CredentialKeysService,
    private readonly publicCertificates: CertificatePublicService,
  ) {}

  /** Served at /.well-known/jwks.json: configureApp keeps it out of the /api prefix. */
  @Get('.well-known/jwks.json')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({
    summary: 'Public keys that sign credentials (JWKS)',
    description: 'The active key and retired ones (credentials they signed stay verifiable).',
  })
  @ApiOkResponse({
    schema: { type: 'object', properties: { keys: { type: 'array', items: { type: 'object' } } } },
  })
  jwks(): Promise<{ keys: object[] }> {
    return this.keys.jwks();
  }

  @Get('issuers/:id')
  @Public()
  @ApiOperation({ summary: 'Open Badges issuer profile of a training provider (public)' })
  @ApiOkResponse({ schema: { type: 'object' } })
  @ApiNotFoundResponse({ description: 'Not a training provider' })
  issuer(@Param('id', ParseIdPipe) id: string): Promise<Record<string, unknown>> {
    return this.publicCertificates.issuerProfile(id);
  }
}

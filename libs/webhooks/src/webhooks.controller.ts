import { BEARER_AUTH, PageQueryDto } from '@app/http';
import { CurrentUser, ParseIdPipe, Roles, type AuthUser } from '@app/identity';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  WebhookCreateDto,
  WebhookCreatedDto,
  WebhookDeliveryPageDto,
  WebhookPageDto,
  WebhookResponseDto,
} from './dto/webhook.dto.js';
import { WebhooksService } from './webhooks.service.js';

@ApiTags('webhooks')
@ApiBearerAuth(BEARER_AUTH)
@Controller('webhooks')
@Roles('company', 'broker')
@ApiForbiddenResponse({ description: 'Neither a broker nor the owner of a company' })
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary: "Register a URL for your organisation's events",
    description:
      'The answer carries the signing secret, shown only this once. Deliveries are POSTed as ' +
      'JSON with `X-Talentbridge-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.',
  })
  @ApiCreatedResponse({ type: WebhookCreatedDto })
  @ApiBadRequestResponse({
    description: 'url not http(s), not resolving, or a private/loopback address; unknown events',
  })
  @ApiConflictResponse({
    description: 'WEBHOOK_LIMIT_REACHED: the organisation holds WEBHOOKS_PER_ORGANISATION already',
  })
  create(
    @CurrentUser() user: AuthUser,
    @Body() body: WebhookCreateDto,
  ): Promise<WebhookCreatedDto> {
    return this.webhooks.create(user, body);
  }

  @Get()
  @ApiOperation({ summary: "Your organisation's webhooks (no secrets)" })
  @ApiOkResponse({ type: WebhookPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<WebhookPageDto> {
    return this.webhooks.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook of your organisation' })
  @ApiOkResponse({ type: WebhookResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, or another organisation’s' })
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<WebhookResponseDto> {
    return this.webhooks.get(user, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook; its pending deliveries are dropped' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Unknown, or another organisation’s' })
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<void> {
    return this.webhooks.remove(user, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Deliveries of a webhook, oldest first, with the last attempt' })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  @ApiNotFoundResponse({ description: 'Unknown, or another organisation’s' })
  deliveries(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<WebhookDeliveryPageDto> {
    return this.webhooks.deliveries(user, id, query);
  }
}

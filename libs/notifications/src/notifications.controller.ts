import { BEARER_AUTH } from '@app/http';
import { CurrentUser, Public, type AuthUser } from '@app/identity';
import { Body, Controller, Get, Header, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { escapeHtml } from '@app/mail';
import {
  MarkReadDto,
  NotificationListQueryDto,
  NotificationPageDto,
  NotificationPreferencesDto,
  NotificationPreferencesResponseDto,
  toNotificationResponse,
} from './dto/notification.dto.js';
import { invalidUnsubscribeToken, markReadNeedsIdsOrAll } from './notifications.errors.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({ summary: 'The own notifications, newest first' })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiBadRequestResponse({ description: 'problem+json naming unread, limit or cursor' })
  @ApiUnauthorizedResponse({ description: 'Not signed in' })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: NotificationListQueryDto,
  ): Promise<NotificationPageDto> {
    const page = await this.notifications.list(user.id, query);
    return { ...page, items: page.items.map(toNotificationResponse) };
  }

  @Post('notifications/read')
  @HttpCode(204)
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({
    summary: 'Mark own notifications read',
    description: 'Ids of notifications that are not the caller\u2019s are ignored.',
  })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'problem+json naming ids or all' })
  async markRead(@CurrentUser() user: AuthUser, @Body() body: MarkReadDto): Promise<void> {
    if ((body.ids === undefined) === (body.all === undefined)) throw markReadNeedsIdsOrAll();
    await this.notifications.markRead(user.id, body.all === true ? null : (body.ids ?? []));
  }

  @Get('me/notification-preferences')
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({ summary: 'Which notifications are e-mailed, and how' })
  @ApiOkResponse({ type: NotificationPreferencesResponseDto })
  preferences(@CurrentUser() user: AuthUser): Promise<NotificationPreferencesResponseDto> {
    return this.notifications.preferences(user.id);
  }

  @Put('me/notification-preferences')
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({
    summary: 'Change which notifications are e-mailed, and how',
    description:
      'Kinds left out keep their setting. Security e-mails (account.security) are sent whatever ' +
      'this says. daily and weekly keep notifications in the product without instant e-mail.',
  })
  @ApiOkResponse({ type: NotificationPreferencesResponseDto })
  @ApiBadRequestResponse({ description: 'problem+json naming email or digest' })
  savePreferences(
    @CurrentUser() user: AuthUser,
    @Body() body: NotificationPreferencesDto,
  ): Promise<NotificationPreferencesResponseDto> {
    return this.notifications.savePreferences(user.id, body);
  }

  @Public()
  @Post('notifications/unsubscribe')
  @HttpCode(204)
  @ApiOperation({
    summary: 'One-click unsubscribe (RFC 8058)',
    description: 'Turns off the e-mail kind of the token for its user; no sign-in needed.',
  })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'problem+json naming token' })
  async unsubscribe(@Query('token') token: unknown): Promise<void> {
    await this.turnOff(token);
  }

  @Public()
  @Get('notifications/unsubscribe')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({ summary: 'The unsubscribe link opened in a browser: does the same, says so' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'A short page confirming it' })
  @ApiBadRequestResponse({ description: 'problem+json naming token' })
  async unsubscribePage(@Query('token') token: unknown): Promise<string> {
    const kind = await this.turnOff(token);
    return (
      '<!doctype html><html><head><meta charset="utf-8"><title>Talentbridge</title></head>' +
      `<body><p>E-mails of the kind ${escapeHtml(kind)} are now turned off.</p></body></html>`
    );
  }

  private async turnOff(token: unknown): Promise<string> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) {
      throw invalidUnsubscribeToken();
    }
    const kind = await this.notifications.unsubscribe(token);
    if (kind === undefined) throw invalidUnsubscribeToken();
    return kind;
  }
}

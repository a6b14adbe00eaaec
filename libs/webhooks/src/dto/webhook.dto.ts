import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  MaxLength,
} from 'class-validator';
import {
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENTS,
  type WebhookDeliveryStatus,
  type WebhookEvent,
} from '../webhook-events.js';

export class WebhookCreateDto {
  @ApiProperty({ example: 'https://hooks.example.org/talentbridge', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['match.invited', 'match.hired'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, {
    each: true,
    message: `each event must be one of ${WEBHOOK_EVENTS.join(', ')}`,
  })
  events: WebhookEvent[];
}

export class WebhookResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: 'https://hooks.example.org/talentbridge' }) url: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) events: WebhookEvent[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** The answer to a registration: the only time the signing secret is shown. */
export class WebhookCreatedDto extends WebhookResponseDto {
  @ApiProperty({
    example: 'whsec_5f0c…',
    description: 'HMAC-SHA256 key of the X-Talentbridge-Signature header; shown only here',
  })
  secret: string;
}

export class WebhookPageDto {
  @ApiProperty({ type: [WebhookResponseDto] }) items: WebhookResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS }) event: WebhookEvent;
  @ApiProperty({ type: Object, example: { matchId: '…', state: 'invited' } }) payload: unknown;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES }) status: WebhookDeliveryStatus;
  @ApiProperty({ example: 1 }) attempts: number;
  @ApiProperty({ nullable: true, type: Number, example: 200 }) lastStatusCode: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'HTTP 500' }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastAttemptAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deliveredAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) failedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ type: [WebhookDeliveryDto] }) items: WebhookDeliveryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

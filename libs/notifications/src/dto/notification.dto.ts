import { OptionalNotNull } from '@app/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsUUID,
  Equals,
  IsObject,
  ValidateBy,
} from 'class-validator';
import { PageQueryDto } from '@app/http';
import { DIGESTS, NOTIFICATION_KINDS, type Digest } from '../notification-kinds.js';
import type { NotificationRow } from '../notifications.repository.js';

export class NotificationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true: only unread ones' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class NotificationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, example: 'match.invited' }) kind: string;
  @ApiProperty({ example: 'You have been invited to an opportunity' }) title: string;
  @ApiProperty({ example: 'Open Talentbridge to see the details.' }) body: string;
  @ApiProperty({ nullable: true, type: String, example: '/api/matches/…' }) link: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { matchId: '…' } })
  data: Record<string, unknown>;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationResponseDto] }) items: NotificationResponseDto[];
  @ApiProperty({ example: 3 }) unreadCount: number;
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class MarkReadDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 500,
    example: ['6f1c2b8e-7a51-4c1e-9d0b-2f4e6a8c0d12'],
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'ids must be notification ids' })
  ids?: string[];

  @ApiPropertyOptional({
    enum: [true],
    example: true,
    description: 'Marks every notification read',
  })
  @OptionalNotNull()
  @Equals(true, { message: 'all must be true when given' })
  all?: true;
}

const isKindMap = ValidateBy({
  name: 'isKindMap',
  validator: {
    validate: (value: unknown) =>
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.entries(value).every(
        ([k, v]) => (NOTIFICATION_KINDS as readonly string[]).includes(k) && typeof v === 'boolean',
      ),
    defaultMessage: () =>
      `email must map notification kinds (${NOTIFICATION_KINDS.join(', ')}) to true or false`,
  },
});

export class NotificationPreferencesDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'boolean' },
    example: { 'match.invited': true, 'search.alert': false },
  })
  @OptionalNotNull()
  @IsObject()
  @isKindMap
  email?: Record<string, boolean>;

  @ApiProperty({ enum: DIGESTS, example: 'instant' })
  @OptionalNotNull()
  @IsIn(DIGESTS)
  digest?: Digest;
}

export class NotificationPreferencesResponseDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'boolean' } })
  email: Record<string, boolean>;
  @ApiProperty({ enum: DIGESTS }) digest: Digest;
}

export function toNotificationResponse(row: NotificationRow): NotificationResponseDto {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    data: row.data,
    createdAt: new Date(row.createdAt).toISOString(),
    readAt: row.readAt === null ? null : new Date(row.readAt).toISOString(),
  };
}

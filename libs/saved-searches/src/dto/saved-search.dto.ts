import { IsNameText, OptionalNotNull } from '@app/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import {
  SAVED_SEARCH_ALERTS,
  SAVED_SEARCH_KINDS,
  type SavedSearchAlert,
  type SavedSearchKindName,
} from '../saved-search-values.js';

const QUERY_DESCRIPTION =
  'The parameters of `GET /api/talent` (kind talent) or `GET /api/opportunities` (kind ' +
  'opportunities) except `limit` and `cursor`, as in a query string; lists may also be JSON ' +
  'arrays and flags booleans. Checked by that search’s own rules: a bad value is a 400 naming ' +
  '`query.<parameter>`.';

export class SavedSearchCreateDto {
  @ApiProperty({ example: 'JavaScript in Kosovo', maxLength: 120 })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  @IsNameText()
  name: string;

  @ApiProperty({ enum: SAVED_SEARCH_KINDS, example: 'talent' })
  @IsIn(SAVED_SEARCH_KINDS, { message: `kind must be one of ${SAVED_SEARCH_KINDS.join(', ')}` })
  kind: SavedSearchKindName;

  @ApiProperty({
    type: Object,
    description: QUERY_DESCRIPTION,
    example: { q: 'react', countries: 'XK,AL', languages: 'en:B2' },
  })
  @IsObject({ message: 'query must be an object' })
  query: Record<string, unknown>;

  @ApiProperty({ enum: SAVED_SEARCH_ALERTS, example: 'daily' })
  @IsIn(SAVED_SEARCH_ALERTS, { message: `alert must be one of ${SAVED_SEARCH_ALERTS.join(', ')}` })
  alert: SavedSearchAlert;
}

/** Any of name, query and alert; the kind never changes. */
export class SavedSearchUpdateDto {
  @ApiPropertyOptional({ example: 'JavaScript in Kosovo and Albania', maxLength: 120 })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  @IsNameText()
  name?: string;

  @ApiPropertyOptional({
    type: Object,
    description: `${QUERY_DESCRIPTION} Replaces the whole query; results count from now.`,
    example: { q: 'react', countries: 'XK' },
  })
  @OptionalNotNull()
  @IsObject({ message: 'query must be an object' })
  query?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: SAVED_SEARCH_ALERTS, example: 'weekly' })
  @OptionalNotNull()
  @IsIn(SAVED_SEARCH_ALERTS, { message: `alert must be one of ${SAVED_SEARCH_ALERTS.join(', ')}` })
  alert?: SavedSearchAlert;
}

export class SavedSearchResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'JavaScript in Kosovo' }) name: string;
  @ApiProperty({ enum: SAVED_SEARCH_KINDS }) kind: SavedSearchKindName;
  @ApiProperty({ type: Object, example: { q: 'react', countries: 'XK,AL' } })
  query: Record<string, string>;
  @ApiProperty({ enum: SAVED_SEARCH_ALERTS }) alert: SavedSearchAlert;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastRunAt: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the alert looks next (null: alert off)',
  })
  nextRunAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SavedSearchListDto {
  @ApiProperty({ type: [SavedSearchResponseDto] }) items: SavedSearchResponseDto[];
}

/** One page of a saved search's results. */
export class SavedSearchResultsQueryDto {
  @ApiPropertyOptional({ description: 'As the underlying search’s limit', example: '20' })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  limit?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

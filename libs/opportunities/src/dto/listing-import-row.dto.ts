import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ENGAGEMENT_TYPES, LISTING_SOURCES, WORK_MODES } from '../opportunity-vocabulary.js';

/** One row of `POST /api/listings/import` (documentation only: rows are checked one by one). */
export class ListingImportRowDto {
  @ApiProperty({ example: 'WordPress developer for a travel blog' }) title: string;
  @ApiProperty({ example: 'Fix the theme and speed up the pages.' }) description: string;
  @ApiProperty({
    example: 'WordPress;PHP;CSS',
    description: 'Free-text skill labels separated by ; (or an array)',
  })
  skills: string;
  @ApiProperty({ enum: LISTING_SOURCES }) source: string;
  @ApiProperty({ example: 'https://www.upwork.com/jobs/~01abc' }) sourceUrl: string;
  @ApiPropertyOptional({ example: 'DE' }) clientCountry?: string;
  @ApiProperty({ enum: ENGAGEMENT_TYPES }) engagementType: string;
  @ApiProperty({ enum: WORK_MODES }) workMode: string;
  @ApiPropertyOptional({ example: 'XK;AL' }) countries?: string;
  @ApiPropertyOptional({ example: 'en:B2;de:B1' }) languages?: string;
  @ApiPropertyOptional({ example: 20 }) hoursPerWeek?: number;
  @ApiPropertyOptional({ example: 8 }) durationWeeks?: number;
  @ApiPropertyOptional({ enum: ['hourly', 'fixed'] }) budgetType?: string;
  @ApiPropertyOptional({ example: 15 }) budgetMinEur?: number;
  @ApiPropertyOptional({ example: 25 }) budgetMaxEur?: number;
  @ApiPropertyOptional({ example: 1 }) openings?: number;
  @ApiPropertyOptional({
    example: '2027-01-31',
    description: 'Date-time, or a date meaning the end of that day (UTC); default 30 days',
  })
  deadline?: string;
}

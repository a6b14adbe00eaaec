import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Query string of `GET /api/talent`. Multi-valued parameters are comma-separated; each value
 * is checked by {@link parseTalentQuery}, which names the parameter in any error.
 */
export class TalentSearchQueryDto {
  @ApiPropertyOptional({
    description: 'Free text: names in any script, headline, skills',
    example: 'petrovic',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    description: 'Skill ids, all required; `<id>:<level>` asks for at least that level (1-5)',
    example: '0b6f3c52-6a53-4bd4-9a4c-1f1a8f0b5a11:3',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  skills?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 codes, any of', example: 'XK,AL' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  countries?: string;

  @ApiPropertyOptional({
    description: 'ISO 639-1 codes, all required; `<code>:<CEFR>` asks for at least that level',
    example: 'en:B2,de',
  })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  languages?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only profiles whose requested skills (or any skill) are certified',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  verified?: string;

  @ApiPropertyOptional({ description: 'Any of freelance, part_time, full_time, internship' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  engagementTypes?: string;

  @ApiPropertyOptional({ description: 'Any of remote, onsite, hybrid' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  workModes?: string;

  @ApiPropertyOptional({
    description: '`lat,lng,km`: within km of the point',
    example: '42.66,21.17,50',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  near?: string;

  @ApiPropertyOptional({ enum: ['relevance', 'rate'], default: 'relevance' })
  @IsOptional()
  @IsIn(['relevance', 'rate'], { message: 'must be relevance or rate' })
  sort?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Brokers only: include people not currently open to work',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  includeNotOpen?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
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

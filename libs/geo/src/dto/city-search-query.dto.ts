import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class CitySearchQueryDto {
  @ApiProperty({ example: 'RS', description: 'ISO 3166-1 alpha-2 country code' })
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as RS' })
  country: string;

  @ApiPropertyOptional({
    example: 'Београд',
    description:
      'Start of any name of the town: official, local or alternate, Latin or Cyrillic, with or without diacritics, typos tolerated. Empty: the largest towns.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: 10, minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(50)
  limit?: number;
}

export class CityLocalNamesDto {
  @ApiProperty({ example: 'Belgrade' }) en: string;
  @ApiPropertyOptional({ example: 'Beogradi' }) sq?: string;
  @ApiPropertyOptional({ example: 'Beograd' }) sr?: string;
  @ApiPropertyOptional({ example: 'Београд' }) 'sr-Cyrl'?: string;
  @ApiPropertyOptional({ example: 'Белград' }) mk?: string;
  @ApiPropertyOptional({ example: 'Beograd' }) bs?: string;
}

export class CityResponseDto {
  @ApiProperty({ example: 792680, description: 'GeoNames id' }) id: number;
  @ApiProperty({ example: 'Belgrade', description: 'GeoNames name (canonical)' }) name: string;
  @ApiProperty({ example: 'RS' }) country: string;
  @ApiProperty({
    type: CityLocalNamesDto,
    description:
      'The name per locale (en, sq, sr, sr-Cyrl, mk, bs), where known; derived from GeoNames alternate names (docs/profiles.md)',
  })
  localNames: CityLocalNamesDto;
  @ApiProperty({ example: 1273651 }) population: number;
  @ApiProperty({ example: 44.80401 }) lat: number;
  @ApiProperty({ example: 20.46513 }) lng: number;
}

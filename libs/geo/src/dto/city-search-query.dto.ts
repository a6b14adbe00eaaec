import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class CitySearchQueryDto {
  @ApiProperty({ example: 'RS', description: 'ISO 3166-1 alpha-2 country code' })
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as RS' })
  country: string;

  @ApiPropertyOptional({ example: 'novi', description: 'Start of the town name, any diacritics' })
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

export class CityResponseDto {
  @ApiProperty({ example: 'Novi Sad' }) name: string;
  @ApiProperty({ example: 'RS' }) country: string;
  @ApiProperty({ example: 45.25167 }) lat: number;
  @ApiProperty({ example: 19.83694 }) lng: number;
  @ApiProperty({ example: 215400 }) population: number;
}

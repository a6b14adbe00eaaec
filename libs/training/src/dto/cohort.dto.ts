import { IsNameText } from '@app/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsCalendarDate, trimString } from './field-decorators.js';

export class CreateCohortDto {
  @ApiProperty({ format: 'date', example: '2026-03-02' })
  @IsCalendarDate()
  startsOn: string;

  @ApiProperty({ format: 'date', example: '2026-05-29', description: 'On or after startsOn' })
  @IsCalendarDate()
  endsOn: string;

  @ApiPropertyOptional({ example: 'Prishtina, ICK hub' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsNameText()
  location?: string;

  @ApiProperty({ minimum: 1, maximum: 1000, example: 25 })
  @IsInt({ message: 'capacity must be a whole number' })
  @Min(1)
  @Max(1000)
  capacity: number;
}

export class CohortResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ format: 'date', example: '2026-03-02' }) startsOn: string;
  @ApiProperty({ format: 'date', example: '2026-05-29' }) endsOn: string;
  @ApiProperty({ example: 'Prishtina, ICK hub', nullable: true, type: String })
  location: string | null;
  @ApiProperty({ example: 25 }) capacity: number;
  @ApiProperty({ example: 12, description: 'Enrolments not dropped' }) seatsTaken: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CohortPageDto {
  @ApiProperty({ type: [CohortResponseDto] }) items: CohortResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

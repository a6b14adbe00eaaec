import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ENROLMENT_STATUSES, type EnrolmentStatus } from '../training-values.js';
import { CertificateIssuedDto } from './certificate.dto.js';

export class CreateEnrolmentDto {
  @ApiProperty({
    format: 'uuid',
    example: '6d0c2a8e-3f4b-4c1d-9e7a-5b2f8c1d0e93',
    description: 'The profile of an active trainee',
  })
  @IsUUID('all', { message: 'profileId must be a UUID' })
  profileId: string;
}

export class CompleteEnrolmentDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 100, example: 87 })
  @IsOptional()
  @IsInt({ message: 'score must be a whole number' })
  @Min(0)
  @Max(100)
  score?: number;
}

export class EnrolmentResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ format: 'uuid' }) profileId: string;
  @ApiProperty({ enum: ENROLMENT_STATUSES, example: 'enrolled' }) status: EnrolmentStatus;
  @ApiProperty({ nullable: true, type: Number, example: 87 }) score: number | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Completed or dropped at',
  })
  finishedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class EnrolmentPageDto {
  @ApiProperty({ type: [EnrolmentResponseDto] }) items: EnrolmentResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** A trainee's own enrolment, with what they need to know about the course. */
export class MyEnrolmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ENROLMENT_STATUSES }) status: EnrolmentStatus;
  @ApiProperty({ nullable: true, type: Number }) score: number | null;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ example: 'Customer support in English, level B2' }) courseTitle: string;
  @ApiProperty({ example: 'Tirana Tech Academy' }) providerName: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: CertificateIssuedDto, nullable: true })
  certificate: CertificateIssuedDto | null;
}

export class MyEnrolmentPageDto {
  @ApiProperty({ type: [MyEnrolmentDto] }) items: MyEnrolmentDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

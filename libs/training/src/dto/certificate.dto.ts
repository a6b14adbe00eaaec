import { IsFreeText } from '@app/http';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { trimString } from './field-decorators.js';

export class CertificateIssuedDto {
  @ApiProperty({
    example: 'K7Q2M4ZP3XWJ6N5R2D7C4B6F3H2L5T7V',
    description: '160 random bits, base32',
  })
  code: string;
  @ApiProperty({
    example: 'https://talentbridge.example.org/api/certificates/K7Q2M4ZP3XWJ6N5R2D7C4B6F3H2L5T7V',
  })
  verifyUrl: string;
  @ApiProperty({ format: 'uuid' }) enrolmentId: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt: string | null;
}

export class RevokeCertificateDto {
  @ApiProperty({ example: 'Assessment found to be copied', minLength: 1, maxLength: 1000 })
  @Transform(trimString)
  @IsString()
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(1000)
  @IsFreeText()
  reason: string;
}

export class CertifiedSkillDto {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ example: 'customer service' }) name: string;
  @ApiProperty({ minimum: 1, maximum: 5, example: 3 }) level: number;
}

/** What anyone holding the code may see: no e-mail, no inclusion data, no ids of people. */
export class CertificateVerificationDto {
  @ApiProperty({ example: 'K7Q2M4ZP3XWJ6N5R2D7C4B6F3H2L5T7V' }) code: string;
  @ApiProperty({ example: true, description: 'Always true here: revoked codes answer 404' })
  valid: boolean;
  @ApiProperty({ example: 'Ana Petrović' }) holderName: string;
  @ApiProperty({ example: 'Customer support in English, level B2' }) courseTitle: string;
  @ApiProperty({ example: 120 }) courseHours: number;
  @ApiProperty({ example: 'Tirana Tech Academy' }) providerName: string;
  @ApiProperty({ example: 'WB-DIGI-2026', nullable: true, type: String })
  programmeCode: string | null;
  @ApiProperty({ format: 'date', example: '2026-05-29' }) completedOn: string;
  @ApiProperty({ nullable: true, type: Number, example: 87 }) score: number | null;
  @ApiProperty({ type: [CertifiedSkillDto] }) skills: CertifiedSkillDto[];
}

/** A trainee's own certificate, revoked ones included (with the reason). */
export class MyCertificateDto extends CertificateIssuedDto {
  @ApiProperty({ example: 'Customer support in English, level B2' }) courseTitle: string;
  @ApiProperty({ example: 'Tirana Tech Academy' }) providerName: string;
  @ApiProperty({ nullable: true, type: Number }) score: number | null;
  @ApiProperty({ nullable: true, type: String }) revocationReason: string | null;
  @ApiProperty({ type: [CertifiedSkillDto] }) skills: CertifiedSkillDto[];
}

export class MyCertificatePageDto {
  @ApiProperty({ type: [MyCertificateDto] }) items: MyCertificateDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class SignedCredentialDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The OpenBadgeCredential (Open Badges 3.0, VC Data Model 2.0)',
  })
  credential: Record<string, unknown>;
  @ApiProperty({
    description: 'The same credential as a compact JWS (VC-JWT, RS256, `kid` header)',
  })
  jwt: string;
}

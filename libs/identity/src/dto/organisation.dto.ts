import { IsNameText, OptionalNotNull } from '@app/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import type { OrganisationRecord, UserRecord } from '../identity-records.js';
import { ORGANISATION_TYPES, ROLES, type OrganisationType, type Role } from '../roles.js';
import { IsAccountEmail, IsCountryCode, Trimmed } from './field-decorators.js';
import { UserResponseDto, toUserResponse } from './user.dto.js';

export class OrganisationCreateDto {
  @ApiProperty({ example: 'Digital Serbia Initiative', maxLength: 200 })
  @Trimmed()
  @IsString()
  @Length(2, 200)
  @IsNameText()
  name: string;

  @ApiProperty({ enum: ORGANISATION_TYPES, example: 'membership_org' })
  @IsIn(ORGANISATION_TYPES)
  type: OrganisationType;

  @ApiProperty({ example: 'RS', description: 'ISO 3166-1 alpha-2' })
  @IsCountryCode()
  country: string;
}

export class OrganisationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Digital Serbia Initiative' }) name: string;
  @ApiProperty({ enum: ORGANISATION_TYPES, example: 'membership_org' }) type: OrganisationType;
  @ApiProperty({ example: 'RS', nullable: true, type: String }) country: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'May add members; the first member of an organisation without one becomes it',
  })
  ownerUserId: string | null;
  @ApiProperty({ example: '2026-11-27T12:00:00.000Z' }) createdAt: string;
}

export function toOrganisationResponse(organisation: OrganisationRecord): OrganisationResponseDto {
  return {
    id: organisation.id,
    name: organisation.name,
    type: organisation.type,
    country: organisation.country,
    ownerUserId: organisation.ownerUserId,
    createdAt: organisation.createdAt.toISOString(),
  };
}

export class MemberCreateDto {
  @ApiProperty({ example: 'marko.jovanovic@example.org' })
  @IsAccountEmail()
  email: string;

  @ApiProperty({ example: 'Marko Jovanović', maxLength: 100 })
  @Trimmed()
  @IsString()
  @Length(1, 100)
  @IsNameText()
  displayName: string;

  @ApiProperty({
    enum: ROLES,
    example: 'broker',
    description:
      'broker for a membership_org, trainer for a training_provider, company for a company',
  })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({
    example: 'Skopje-autumn-2026',
    description: 'Omit it to have one generated and returned once',
  })
  @OptionalNotNull()
  @IsString()
  password?: string;
}

export class MemberCreatedResponseDto {
  @ApiProperty({ type: UserResponseDto }) user: UserResponseDto;

  @ApiPropertyOptional({
    example: 'fT3k9Qm2xW7pL0vB8nR4sY6z',
    description: 'Present only when no password was given: shown this once, never again',
  })
  generatedPassword?: string;

  @ApiProperty({ description: 'The new member became the owner (the organisation had none)' })
  isOwner: boolean;
}

export class MemberResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Marko Jovanović' }) displayName: string;
  @ApiProperty({ enum: ROLES, example: 'broker' }) role: Role;
}

export function toMemberResponse(user: UserRecord): MemberResponseDto {
  return { id: user.id, displayName: user.displayName ?? '', role: user.role };
}

export function toMemberCreatedResponse(created: {
  user: UserRecord;
  generatedPassword?: string;
  isOwner: boolean;
}): MemberCreatedResponseDto {
  const response: MemberCreatedResponseDto = {
    user: toUserResponse(created.user),
    isOwner: created.isOwner,
  };
  if (created.generatedPassword !== undefined) {
    response.generatedPassword = created.generatedPassword;
  }
  return response;
}

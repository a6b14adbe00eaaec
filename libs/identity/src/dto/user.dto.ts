import { LOCALES } from '@app/mail';
import { ApiProperty } from '@nestjs/swagger';
import type { UserRecord } from '../identity-records.js';
import { ROLES, type Role } from '../roles.js';

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ana.petrovic@example.org' }) email: string;
  @ApiProperty({ example: 'Ana Petrović' }) displayName: string;
  @ApiProperty({ enum: ROLES, example: 'trainee' }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ description: 'Whether the address was confirmed through the e-mailed link' })
  emailVerified: boolean;
  @ApiProperty({
    enum: LOCALES,
    example: 'sq',
    description: 'The language of e-mail to this account',
  })
  locale: string;
  @ApiProperty({
    example: 'Europe/Belgrade',
    description: 'IANA timezone: daily and weekly digests arrive at 08:00 local time',
  })
  timezone: string;
}

/** The only way a user leaves the identity lib over HTTP: public fields, nothing secret. */
export function toUserResponse(
  user: Pick<
    UserRecord,
    | 'id'
    | 'email'
    | 'displayName'
    | 'role'
    | 'organisationId'
    | 'emailVerifiedAt'
    | 'locale'
    | 'timezone'
  >,
): UserResponseDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName ?? '',
    role: user.role,
    organisationId: user.organisationId,
    emailVerified: user.emailVerifiedAt !== null,
    locale: user.locale,
    timezone: user.timezone,
  };
}

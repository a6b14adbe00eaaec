import { IsNameText, OptionalNotNull } from '@app/http';
import { LOCALES, type Locale } from '@app/mail';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { IsAccountEmail, IsCountryCode, Trimmed } from './field-decorators.js';
import { UserResponseDto } from './user.dto.js';

export const ACCOUNT_TYPES = ['trainee', 'company'] as const;

const PASSWORD_RULES =
  'At least 10 characters (invisible ones not counted) and 5 different ones, mixing two kinds ' +
  '(lower-case, upper-case, digits, others); not the e-mail address, not one of the 10,000 most ' +
  'common passwords nor one with digits or symbols added';

export class RegisterDto {
  @ApiProperty({ example: 'ana.petrovic@example.org', maxLength: 254 })
  @IsAccountEmail()
  email: string;

  @ApiProperty({
    example: 'Tirana-spring-2026',
    minLength: 10,
    maxLength: 200,
    description: PASSWORD_RULES,
  })
  @IsString()
  password: string;

  @ApiProperty({ example: 'Ana Petrović', maxLength: 100 })
  @Trimmed()
  @IsString()
  @Length(1, 100)
  @IsNameText()
  displayName: string;

  @ApiProperty({ enum: ACCOUNT_TYPES, example: 'trainee' })
  @IsIn(ACCOUNT_TYPES)
  accountType: (typeof ACCOUNT_TYPES)[number];

  @ApiPropertyOptional({
    example: 'Balkan Code d.o.o.',
    description: 'Required for a company account: the organisation created with it',
  })
  @OptionalNotNull()
  @Trimmed()
  @IsString()
  @Length(2, 200)
  @IsNameText()
  organisationName?: string;

  @ApiPropertyOptional({
    example: 'RS',
    description: 'Country of the company (ISO 3166-1 alpha-2)',
  })
  @OptionalNotNull()
  @IsCountryCode()
  organisationCountry?: string;

  @ApiPropertyOptional({
    enum: LOCALES,
    default: 'en',
    example: 'sq',
    description: 'The language of e-mail',
  })
  @OptionalNotNull()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class LoginDto {
  @ApiProperty({ example: 'ana.petrovic@example.org' })
  @IsAccountEmail()
  email: string;

  @ApiProperty({ example: 'Tirana-spring-2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  password: string;
}

export class RefreshTokenDto {
  @ApiProperty({ example: 'q1Zq7x6m9yq5oJ0cX0k1c3aUu1v2w3x4y5z6A7B8C9D' })
  @IsString()
  @Length(1, 200)
  refreshToken: string;
}

export class TokenPairResponseDto {
  @ApiProperty({ description: 'JWT (HS256) to send as `Authorization: Bearer …`' })
  accessToken: string;

  @ApiProperty({ description: 'Opaque; exchange it once at /api/auth/refresh' })
  refreshToken: string;

  @ApiProperty({ example: 900, description: 'Lifetime of the access token in seconds' })
  expiresIn: number;
}

export class SessionResponseDto extends TokenPairResponseDto {
  @ApiProperty({ type: UserResponseDto }) user: UserResponseDto;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'Tirana-spring-2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  currentPassword: string;

  @ApiProperty({
    example: 'Durres-summer-2026',
    minLength: 10,
    maxLength: 200,
    description: `${PASSWORD_RULES}; not the current password`,
  })
  @IsString()
  newPassword: string;
}

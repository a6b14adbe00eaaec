import { IsNameText, IsTimeZone, OptionalNotNull } from '@app/http';
import { LOCALES, type Locale } from '@app/mail';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, MaxLength } from 'class-validator';
import { IsAccountEmail, Trimmed } from './field-decorators.js';

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'ana.petrovic@example.org', maxLength: 254 })
  @IsAccountEmail()
  email: string;
}

export class PasswordResetAcceptedDto {
  @ApiProperty({
    example: 'If an account uses this address, a link to reset its password is on its way.',
  })
  message: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({
    description: 'The `token` parameter of the e-mailed link',
    example: 'y3Qw8bXh2Lr9Tz0Vn5Kc7Jm4Pf1Sa6Dg8Hu2Ei9Wo3',
  })
  @IsString()
  @Length(1, 200)
  token: string;

  @ApiProperty({ example: 'Tirana-autumn-2026', description: 'The registration password rules' })
  @IsString()
  @MaxLength(200)
  password: string;
}

export class VerifyEmailDto {
  @ApiProperty({
    description: 'The `token` parameter of the e-mailed link',
    example: 'y3Qw8bXh2Lr9Tz0Vn5Kc7Jm4Pf1Sa6Dg8Hu2Ei9Wo3',
  })
  @IsString()
  @Length(1, 200)
  token: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ example: 'Ana Petrović', maxLength: 100 })
  @OptionalNotNull()
  @Trimmed()
  @IsString()
  @Length(1, 100)
  @IsNameText()
  displayName?: string;

  @ApiPropertyOptional({
    enum: LOCALES,
    example: 'sq',
    description: 'The language of e-mail to this account',
  })
  @OptionalNotNull()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({
    example: 'Europe/Skopje',
    maxLength: 64,
    description: 'IANA timezone name: daily and weekly digests arrive at 08:00 local time',
  })
  @OptionalNotNull()
  @IsTimeZone()
  timezone?: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { INCLUSION_GROUPS, SEXES, type InclusionGroup, type Sex } from '../profile-values.js';
import type { ProfileExportRecord } from '../profile-records.js';
import { ProfileResponseDto } from './profile-response.dto.js';

export class ExportedAccountDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'jovana@example.org' }) email: string;
  @ApiProperty({ nullable: true, type: String }) displayName: string | null;
  @ApiProperty({ example: 'trainee' }) role: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ExportedInclusionDto {
  @ApiProperty({ enum: SEXES, nullable: true }) sex: Sex | null;
  @ApiProperty({ nullable: true, type: Number }) birthYear: number | null;
  @ApiProperty({ enum: INCLUSION_GROUPS, isArray: true }) groups: InclusionGroup[];
  @ApiProperty({ format: 'date-time' }) consentedAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** Everything Talentbridge holds about the person (GDPR art. 15 and 20), in one document. */
export class ProfileExportResponseDto {
  @ApiProperty({ format: 'date-time' }) exportedAt: string;
  @ApiProperty({ type: ExportedAccountDto }) account: ExportedAccountDto;
  @ApiProperty({ type: ProfileResponseDto }) profile: ProfileResponseDto;
  @ApiProperty({
    type: ExportedInclusionDto,
    nullable: true,
    description: 'Present only while consent to reporting is given',
  })
  inclusion: ExportedInclusionDto | null;

  static of(e: ProfileExportRecord): ProfileExportResponseDto {
    const { account, inclusion } = e;
    return {
      exportedAt: e.exportedAt.toISOString(),
      account: {
        id: account.id,
        email: account.email,
        displayName: account.displayName,
        role: account.role,
        createdAt: account.createdAt.toISOString(),
      },
      profile: ProfileResponseDto.of(e.profile),
      inclusion:
        inclusion === null
          ? null
          : {
              sex: inclusion.sex,
              birthYear: inclusion.birthYear,
              groups: [...inclusion.groups],
              consentedAt: inclusion.consentedAt.toISOString(),
              updatedAt: inclusion.updatedAt.toISOString(),
            },
    };
  }
}

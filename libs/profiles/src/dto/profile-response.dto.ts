import { ApiProperty } from '@nestjs/swagger';
import type { ProfileRecord, PublicProfileRecord } from '../profile-records.js';
import {
  CEFR_LEVELS,
  ENGAGEMENT_TYPES,
  VISIBILITIES,
  WORK_MODES,
  type CefrLevel,
  type EngagementType,
  type Visibility,
  type WorkMode,
} from '../profile-values.js';

export class ProfileSkillResponseDto {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ example: 'JavaScript', nullable: true, type: String }) name: string | null;
  @ApiProperty({ minimum: 1, maximum: 5, example: 3 }) level: number;
  @ApiProperty({ nullable: true, type: Number, example: 2 }) years: number | null;
  @ApiProperty({ description: 'Backed by a certificate' }) verified: boolean;
}

export class ProfileLanguageResponseDto {
  @ApiProperty({ example: 'en' }) code: string;
  @ApiProperty({ enum: CEFR_LEVELS, example: 'B2' }) level: CefrLevel;
}

export class PortfolioItemResponseDto {
  @ApiProperty({ example: 'Shop front for a bakery in Tirana' }) title: string;
  @ApiProperty({ example: 'https://github.com/example/bakery' }) url: string;
}

export class GeoPointDto {
  @ApiProperty({ example: 45.2517 }) lat: number;
  @ApiProperty({ example: 19.8369 }) lng: number;
}

/** What a broker, company or admin may read about a visible profile: no e-mail, no inclusion data. */
export class PublicProfileResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, example: 'Jovana Petrović' })
  displayName: string | null;
  @ApiProperty({ nullable: true, type: String }) headline: string | null;
  @ApiProperty({ nullable: true, type: String }) bio: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'RS' }) country: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Novi Sad',
    description: 'The town as GeoNames names it, whichever of its names was sent',
  })
  city: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 3194360, description: 'GeoNames id' })
  cityId: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Нови Сад',
    description:
      "The town's name in the country's language (sq in AL/XK, sr-Cyrl in RS, mk in MK, …)",
  })
  cityLocalName: string | null;
  @ApiProperty({ type: [ProfileSkillResponseDto] }) skills: ProfileSkillResponseDto[];
  @ApiProperty({ type: [ProfileLanguageResponseDto] }) languages: ProfileLanguageResponseDto[];
  @ApiProperty({ enum: WORK_MODES, isArray: true }) workModes: WorkMode[];
  @ApiProperty({ enum: ENGAGEMENT_TYPES, isArray: true }) engagementTypes: EngagementType[];
  @ApiProperty({ nullable: true, type: Number, example: 20 }) hoursPerWeek: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) availableFrom: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 12.5 }) hourlyRateEur: number | null;
  @ApiProperty({ type: [PortfolioItemResponseDto] }) portfolio: PortfolioItemResponseDto[];
  @ApiProperty() openToWork: boolean;
  @ApiProperty({ format: 'date-time' }) lastActiveAt: string;

  /** The answer for a public profile record; only these fields, whatever else `r` holds. */
  static of(r: PublicProfileRecord): PublicProfileResponseDto {
    return {
      id: r.id,
      displayName: r.displayName,
      headline: r.headline,
      bio: r.bio,
      country: r.country,
      city: r.city,
      cityId: r.cityId,
      cityLocalName: r.cityLocalName,
      skills: r.skills.map((s) => ({
        skillId: s.skillId,
        name: s.name,
        level: s.level,
        years: s.years,
        verified: s.verified,
      })),
      languages: r.languages.map((l) => ({ code: l.code, level: l.level })),
      workModes: [...r.workModes],
      engagementTypes: [...r.engagementTypes],
      hoursPerWeek: r.hoursPerWeek,
      availableFrom: r.availableFrom,
      hourlyRateEur: r.hourlyRateEur,
      portfolio: r.portfolio.map((i) => ({ title: i.title, url: i.url })),
      openToWork: r.openToWork,
      lastActiveAt: r.lastActiveAt.toISOString(),
    };
  }
}

/** The trainee's own profile, with what only the owner needs (visibility, version, location). */
export class ProfileResponseDto extends PublicProfileResponseDto {
  @ApiProperty({ enum: VISIBILITIES }) visibility: Visibility;
  @ApiProperty({
    type: GeoPointDto,
    nullable: true,
    description: 'Coordinates of the city',
  })
  location: GeoPointDto | null;
  @ApiProperty({ description: 'Send it back as `If-Match: "<version>"` to update', example: 3 })
  version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  /** The owner's answer for their profile record. */
  static override of(r: ProfileRecord): ProfileResponseDto {
    return {
      ...PublicProfileResponseDto.of(r),
      visibility: r.visibility,
      location: r.location === null ? null : { lat: r.location.lat, lng: r.location.lng },
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }
}

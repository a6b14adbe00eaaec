import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TalentFacetValue, TalentSearchResult } from '../profile-records.js';
import { PublicProfileResponseDto } from './profile-response.dto.js';

export class TalentFacetValueDto {
  @ApiProperty({ example: 'RS' }) value: string;
  @ApiProperty({ example: 12 }) count: number;
  @ApiPropertyOptional({ description: 'Skill name, for skill facets', example: 'JavaScript' })
  name?: string;
}

export class TalentFacetsDto {
  @ApiProperty({ type: [TalentFacetValueDto] }) skills: TalentFacetValueDto[];
  @ApiProperty({ type: [TalentFacetValueDto] }) countries: TalentFacetValueDto[];
  @ApiProperty({ type: [TalentFacetValueDto] }) languages: TalentFacetValueDto[];
  @ApiProperty({
    type: [TalentFacetValueDto],
    description: '"true": has at least one certified skill',
  })
  verified: TalentFacetValueDto[];
}

export class TalentSearchResponseDto {
  @ApiProperty({ type: [PublicProfileResponseDto] }) items: PublicProfileResponseDto[];
  @ApiProperty({ type: TalentFacetsDto }) facets: TalentFacetsDto;
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page' })
  nextCursor: string | null;

  static of(r: TalentSearchResult): TalentSearchResponseDto {
    const values = (list: readonly TalentFacetValue[]): TalentFacetValueDto[] =>
      list.map((v) => ({ ...v }));
    return {
      items: r.items.map((p) => PublicProfileResponseDto.of(p)),
      facets: {
        skills: values(r.facets.skills),
        countries: values(r.facets.countries),
        languages: values(r.facets.languages),
        verified: values(r.facets.verified),
      },
      nextCursor: r.nextCursor,
    };
  }
}

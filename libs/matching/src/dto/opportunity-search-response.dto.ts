import { OpportunitySearchFacetsDto, OpportunitySearchItemDto } from '@app/opportunities';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OpportunityFitDto {
  @ApiProperty({
    example: 0.734521,
    minimum: 0,
    maximum: 1,
    description: 'The score /api/profiles/me/recommendations gives this opportunity',
  })
  score: number;
  @ApiProperty({ example: true, description: 'Passes every hard constraint (must-haves, …)' })
  eligible: boolean;
}

export class OpportunitySearchHitDto extends OpportunitySearchItemDto {
  @ApiPropertyOptional({
    type: OpportunityFitDto,
    nullable: true,
    description:
      'Trainees only: how the opportunity fits their profile; null while they have no profile',
  })
  fit?: OpportunityFitDto | null;
}

export class OpportunitySearchResponseDto {
  @ApiProperty({ type: [OpportunitySearchHitDto] }) items: OpportunitySearchHitDto[];
  @ApiProperty({ type: OpportunitySearchFacetsDto }) facets: OpportunitySearchFacetsDto;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page' })
  nextCursor: string | null;
}

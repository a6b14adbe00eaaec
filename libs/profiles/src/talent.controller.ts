import { CurrentUser, Roles, type AuthUser } from '@app/identity';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TalentSearchQueryDto } from './dto/talent-search-query.dto.js';
import { TalentSearchResponseDto } from './dto/talent-search-response.dto.js';
import { TalentSearchService } from './talent-search.service.js';

@ApiTags('talent')
@ApiBearerAuth('bearer')
@Controller('talent')
export class TalentController {
  constructor(private readonly talent: TalentSearchService) {}

  @Get()
  @Roles('company', 'broker')
  @ApiOperation({
    summary: 'Search trainees',
    description:
      'Free text in any script (Đorđe = Djordje = Ђорђе), filters, facets and cursor pages. ' +
      'Companies find profiles visible to companies; brokers also those visible to brokers.',
  })
  @ApiOkResponse({ type: TalentSearchResponseDto })
  async find(
    @CurrentUser() user: AuthUser,
    @Query() query: TalentSearchQueryDto,
  ): Promise<TalentSearchResponseDto> {
    return TalentSearchResponseDto.of(await this.talent.find(user, query));
  }
}

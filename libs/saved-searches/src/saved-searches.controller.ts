import { BEARER_AUTH } from '@app/http';
import { CurrentUser, ParseIdPipe, type AuthUser } from '@app/identity';
import { TalentSearchResponseDto } from '@app/profiles';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  SavedSearchCreateDto,
  SavedSearchListDto,
  SavedSearchResponseDto,
  SavedSearchResultsQueryDto,
  SavedSearchUpdateDto,
} from './dto/saved-search.dto.js';
import { SavedSearchesService } from './saved-searches.service.js';

@ApiTags('saved searches')
@ApiBearerAuth(BEARER_AUTH)
@Controller('saved-searches')
export class SavedSearchesController {
  constructor(private readonly savedSearches: SavedSearchesService) {}

  @Post()
  @ApiOperation({
    summary: 'Save a search, with an alert for new results',
    description:
      'Trainees save `opportunities`, companies and brokers `talent`. The query is checked by ' +
      'the underlying search’s own rules now, not when it runs. At most 50 per person.',
  })
  @ApiCreatedResponse({ type: SavedSearchResponseDto })
  @ApiBadRequestResponse({ description: 'A bad field, or a bad filter named `query.<parameter>`' })
  @ApiForbiddenResponse({ description: 'SAVED_SEARCH_KIND_FORBIDDEN: this role may not save it' })
  @ApiConflictResponse({ description: 'SAVED_SEARCH_LIMIT_REACHED: 50 saved already' })
  create(
    @CurrentUser() user: AuthUser,
    @Body() body: SavedSearchCreateDto,
  ): Promise<SavedSearchResponseDto> {
    return this.savedSearches.create(user, body);
  }

  @Get()
  @ApiOperation({ summary: 'Your saved searches, newest first' })
  @ApiOkResponse({ type: SavedSearchListDto })
  list(@CurrentUser() user: AuthUser): Promise<SavedSearchListDto> {
    return this.savedSearches.list(user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of your saved searches' })
  @ApiOkResponse({ type: SavedSearchResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, or someone else’s' })
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<SavedSearchResponseDto> {
    return this.savedSearches.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Rename it, change its query or its alert',
    description: 'A new query is checked like a new search and counts results from now.',
  })
  @ApiOkResponse({ type: SavedSearchResponseDto })
  @ApiBadRequestResponse({ description: 'A bad field, or a bad filter named `query.<parameter>`' })
  @ApiNotFoundResponse({ description: 'Unknown, or someone else’s' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: SavedSearchUpdateDto,
  ): Promise<SavedSearchResponseDto> {
    return this.savedSearches.update(user, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete it (and its alert)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Unknown, or someone else’s' })
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<void> {
    return this.savedSearches.remove(user, id);
  }

  @Get(':id/results')
  @ApiOperation({
    summary: 'Run it now',
    description:
      'The answer of the underlying search (`GET /api/talent` or `GET /api/opportunities`) for ' +
      'the saved query, with its visibility rules for you; `limit` and `cursor` page it.',
  })
  @ApiOkResponse({
    type: TalentSearchResponseDto,
    description: 'Talent shown; opportunities alike',
  })
  @ApiNotFoundResponse({ description: 'Unknown, or someone else’s' })
  results(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: SavedSearchResultsQueryDto,
  ): Promise<unknown> {
    return this.savedSearches.results(user, id, query);
  }
}

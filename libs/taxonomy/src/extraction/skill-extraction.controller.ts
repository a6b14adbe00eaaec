import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { BEARER_AUTH } from '@app/http';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  EXTRACT_DEFAULT_LIMIT,
  ExtractSkillsDto,
  ExtractSkillsResponseDto,
} from './dto/skill-extraction.dto.js';
import { SkillExtractionService } from './skill-extraction.service.js';

@ApiTags('skills')
@Controller('skills')
export class SkillExtractionController {
  constructor(private readonly extraction: SkillExtractionService) {}

  @Post('extract')
  @HttpCode(200)
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({
    summary: 'Find the skills named or described in a text (job description, listing, CV)',
    description:
      'Skills data: © European Union, ESCO (v1.2.0 collections, v1.1.1 pillar), plus curated aliases. ' +
      'Suggestions only: nothing is stored. See docs/taxonomy.md for the method and its measured quality.',
  })
  @ApiOkResponse({ type: ExtractSkillsResponseDto })
  @ApiBadRequestResponse({ description: 'Empty text, text over 20,000 characters, or a bad limit' })
  @ApiUnauthorizedResponse({ description: 'Not signed in' })
  async extract(@Body() body: ExtractSkillsDto): Promise<ExtractSkillsResponseDto> {
    const items = await this.extraction.extract(body.text, body.limit ?? EXTRACT_DEFAULT_LIMIT);
    return { items };
  }
}

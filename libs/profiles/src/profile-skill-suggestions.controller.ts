import { type AuthUser, CurrentUser, Roles } from '@app/identity';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ProfileSkillSuggestDto,
  ProfileSkillSuggestionsResponseDto,
} from './dto/profile-skill-suggestions.dto.js';
import { ProfileSkillSuggestionsService } from './profile-skill-suggestions.service.js';

@ApiTags('profiles')
@ApiBearerAuth('bearer')
@Controller('profiles')
export class ProfileSkillSuggestionsController {
  constructor(private readonly suggestions: ProfileSkillSuggestionsService) {}

  @Post('me/skills/suggest')
  @HttpCode(200)
  @Roles('trainee')
  @ApiOperation({
    summary: 'Skills found in my CV, to confirm',
    description:
      'ESCO skills named or described in the text, best first, without those already on the ' +
      'profile. Nothing is saved: add the ones you confirm with PUT /api/profiles/me.',
  })
  @ApiOkResponse({ type: ProfileSkillSuggestionsResponseDto })
  @ApiBadRequestResponse({ description: 'Empty text or text over 20,000 characters' })
  @ApiForbiddenResponse({ description: 'Not a trainee' })
  async suggest(
    @CurrentUser() user: AuthUser,
    @Body() body: ProfileSkillSuggestDto,
  ): Promise<ProfileSkillSuggestionsResponseDto> {
    return { items: await this.suggestions.suggestForOwn(user, body.text) };
  }
}

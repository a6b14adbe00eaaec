import type { AuthUser } from '@app/identity';
import { SkillExtractionService } from '@app/taxonomy';
import { Injectable } from '@nestjs/common';
import type { SuggestedProfileSkillDto } from './dto/profile-skill-suggestions.dto.js';
import { ProfilesService } from './profiles.service.js';

const SUGGEST_MAX = 20;

/**
 * Skills found in a trainee's CV or any text they paste, for them to confirm: skills already
 * on the profile are left out, and nothing is written (adding them is an ordinary profile update).
 */
@Injectable()
export class ProfileSkillSuggestionsService {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly extraction: SkillExtractionService,
  ) {}

  async suggestForOwn(user: AuthUser, text: string): Promise<SuggestedProfileSkillDto[]> {
    const profile = await this.profiles.getOwn(user);
    const held = new Set(profile.skills.map((s) => s.skillId));
    const found = await this.extraction.extract(text, SUGGEST_MAX + held.size);
    return found.filter((s) => !held.has(s.skillId)).slice(0, SUGGEST_MAX);
  }
}

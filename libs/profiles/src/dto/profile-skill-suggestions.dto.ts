import { EXTRACT_MAX_TEXT, ExtractedSkillDto } from '@app/taxonomy';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

/** Taken as given (not trimmed): the answer's spans are offsets into it. */
export class ProfileSkillSuggestDto {
  @ApiProperty({
    example: 'Two years of customer support in English and Italian; daily work in MS Excel.',
    maxLength: EXTRACT_MAX_TEXT,
    description: 'A CV or any description of your experience',
  })
  @IsString()
  @MaxLength(EXTRACT_MAX_TEXT, { message: `text must be at most ${EXTRACT_MAX_TEXT} characters` })
  @Matches(/\S/, { message: 'text must not be empty' })
  text: string;
}

export class SuggestedProfileSkillDto extends ExtractedSkillDto {}

export class ProfileSkillSuggestionsResponseDto {
  @ApiProperty({ type: [SuggestedProfileSkillDto] }) items: SuggestedProfileSkillDto[];
}

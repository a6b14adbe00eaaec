export { FitDto, MatchExplanationDto } from './dto/match-response.dto.js';
export { candidatesEngineFilter, FETCH_PAGE_SIZE, fetchEveryPage } from './engine-queries.js';
export { DEADLINE_PASSED_REASON, OPPORTUNITY_NOT_OPEN_REASON } from './match-score.js';
export { MatchingModule } from './matching.module.js';
export { MatchingService } from './matching.service.js';

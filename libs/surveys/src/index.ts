export { FollowUpSchedule } from './follow-up-schedule.service.js';
export { SurveyClock } from './survey-clock.js';
export { SurveyDispatcher } from './survey-dispatcher.js';
export * from './survey-values.js';
export * from './surveys-core.module.js';
export * from './surveys.errors.js';
export * from './surveys.module.js';

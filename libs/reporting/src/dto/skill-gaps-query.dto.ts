import { ReportCountries, ReportDate, ReportProgramme } from './query-transforms.js';

export class SkillGapsQueryDto {
  @ReportProgramme('The programme whose work requests and listings count')
  programmeId: string;

  @ReportCountries(
    'Only the rows of these countries (ISO 3166-1 alpha-2); none: every country, and the ' +
      'rows of work open to people anywhere (`country: null`)',
  )
  countries?: string[];

  @ReportDate(
    'from',
    '2026-01-01',
    'First day (UTC) of the window: closed and filled requests count when they were open on ' +
      'a day of it; open ones always count. Default: the programme start',
  )
  from?: string;

  @ReportDate(
    'to',
    '2026-12-31',
    'Last day (UTC, inclusive) of the window, on or after from. Default: the programme end',
  )
  to?: string;
}

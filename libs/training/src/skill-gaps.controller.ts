import { CurrentUser, Roles, type AuthUser } from '@app/identity';
import { ApiReportOk, reportAnswer, SkillGapsQueryDto, SkillGapsReportDto } from '@app/reporting';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SkillGapsReportService } from './skill-gaps-report.service.js';

/**
 * `GET /api/reports/skill-gaps`: a report, served from training because it composes demand,
 * supply and courses (reporting may not import training; training imports reporting's rules).
 */
@ApiTags('reporting')
@ApiBearerAuth('bearer')
@Controller('reports')
export class SkillGapsController {
  constructor(private readonly skillGaps: SkillGapsReportService) {}

  @Get('skill-gaps')
  @Roles('admin', 'broker')
  @ApiOperation({
    summary:
      'Skills asked for by a programme against the people who hold them (admin, partner broker)',
    description:
      "Per skill and country: demand of the programme's open and recent work requests and " +
      'listings (must-have and nice-to-have, by minimum level), the people open to work who ' +
      'hold the skill (verified or not), the unmet must-have openings and the courses that ' +
      'teach it, most unmet first. People counts below the threshold are `null` (empty in CSV). ' +
      'JSON by default, CSV with `Accept: text/csv`. See docs/reporting.md, "Skill gaps".',
  })
  @ApiReportOk(
    SkillGapsReportDto,
    'skillId,name,country,requests,openings,mustHaveRequests,mustHaveOpenings,' +
      'niceToHaveRequests,niceToHaveOpenings,supplyLevel,people,verified,unmet,courses\r\n' +
      '6f1c…,customer service,XK,3,7,3,7,0,0,2,,,,Customer support in English (3)\r\n',
  )
  @ApiBadRequestResponse({ description: 'programmeId missing, bad countries, from or to' })
  @ApiForbiddenResponse({ description: 'Neither an admin nor a broker of a partner organisation' })
  @ApiNotFoundResponse({ description: 'Unknown programme' })
  async skillGapsReport(
    @CurrentUser() user: AuthUser,
    @Query() query: SkillGapsQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SkillGapsReportDto | string> {
    const report = await this.skillGaps.report(user, query);
    return reportAnswer(req, res, report, {
      filename: `skill-gaps-${report.programmeId}-${report.from}-${report.to}.csv`,
      toCsv: (r) => this.skillGaps.toCsv(r),
    });
  }
}

import { CurrentUser, Roles, type AuthUser } from '@app/identity';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { IndicatorsQueryDto } from './dto/indicators-query.dto.js';
import { IndicatorsReportDto } from './dto/indicators-report.dto.js';
import { SkillGapsQueryDto } from './dto/skill-gaps-query.dto.js';
import { SkillGapsReportDto } from './dto/skill-gaps-report.dto.js';
import { ReportsService } from './reports.service.js';
import { SkillGapsReportService } from './skill-gaps-report.service.js';

const CSV = 'text/csv';

@ApiTags('reporting')
@ApiBearerAuth('bearer')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly skillGaps: SkillGapsReportService,
  ) {}

  @Get('indicators')
  @Roles('admin', 'broker')
  @ApiOperation({
    summary: 'Programme results by sex, age band, country and group (admin, partner broker)',
    description:
      'JSON by default, CSV with `Accept: text/csv`. Suppressed cells are `null` in JSON and ' +
      'empty in CSV; the CSV ends with a totals row. Windows are whole calendar periods of the ' +
      'programme and countries one of its countries, so that reports cannot be subtracted from ' +
      'each other. See docs/reporting.md for each indicator.',
  })
  @ApiProduces('application/json', CSV)
  @ApiExtraModels(IndicatorsReportDto)
  @ApiOkResponse({
    content: {
      'application/json': { schema: { $ref: getSchemaPath(IndicatorsReportDto) } },
      [CSV]: {
        schema: { type: 'string' },
        example:
          'sex,registered,trained,certified,matched,hired,hiredSelfEmployed,hiredEmployed,' +
          'completed,incomeEurSum,incomeEurMedian,hoursWorked,withPaidWork\r\n' +
          'female,12,9,9,7,5,,,,,,,\r\ntotal,20,15,14,11,8,,,5,4200,800,310,0.5333\r\n',
      },
    },
  })
  @ApiBadRequestResponse({
    description:
      'programmeId missing, bad groupBy, a window that is not one whole period of the programme, ' +
      "or countries not one of the programme's countries",
  })
  @ApiForbiddenResponse({ description: 'Neither an admin nor a broker of a partner organisation' })
  @ApiNotFoundResponse({ description: 'Unknown programme' })
  async indicators(
    @CurrentUser() user: AuthUser,
    @Query() query: IndicatorsQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IndicatorsReportDto | string> {
    const report = await this.reports.indicatorReport(user, query);
    res.vary('Accept');
    if (req.accepts(['application/json', CSV]) !== CSV) return report;
    res.type(`${CSV}; charset=utf-8`);
    res.attachment(`indicators-${report.programmeId}-${report.from}-${report.to}.csv`);
    return this.reports.toCsv(report);
  }

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
  @ApiProduces('application/json', CSV)
  @ApiExtraModels(SkillGapsReportDto)
  @ApiOkResponse({
    content: {
      'application/json': { schema: { $ref: getSchemaPath(SkillGapsReportDto) } },
      [CSV]: {
        schema: { type: 'string' },
        example:
          'skillId,name,country,requests,openings,mustHaveRequests,mustHaveOpenings,' +
          'niceToHaveRequests,niceToHaveOpenings,supplyLevel,people,verified,unmet,courses\r\n' +
          '6f1c…,customer service,XK,3,7,3,7,0,0,2,,,,Customer support in English (3)\r\n',
      },
    },
  })
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
    res.vary('Accept');
    if (req.accepts(['application/json', CSV]) !== CSV) return report;
    res.type(`${CSV}; charset=utf-8`);
    res.attachment(`skill-gaps-${report.programmeId}-${report.from}-${report.to}.csv`);
    return this.skillGaps.toCsv(report);
  }
}

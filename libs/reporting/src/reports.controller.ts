import { CurrentUser, Roles, type AuthUser } from '@app/identity';
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
import { IndicatorsQueryDto } from './dto/indicators-query.dto.js';
import { IndicatorsReportDto } from './dto/indicators-report.dto.js';
import { ApiReportOk, reportAnswer } from './report-answer.js';
import { ReportsService } from './reports.service.js';

@ApiTags('reporting')
@ApiBearerAuth('bearer')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

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
  @ApiReportOk(
    IndicatorsReportDto,
    'sex,registered,trained,certified,matched,hired,hiredSelfEmployed,hiredEmployed,' +
      'completed,surveyed,employed3m,employed6m,employed12m,incomeEurSum,incomeEurMedian,' +
      'hoursWorked,withPaidWork,incomeMedian6m,responseRate6m\r\n' +
      'female,12,9,9,7,5,,,,6,,,,,,,,,\r\n' +
      'total,20,15,14,11,8,,,5,12,7,8,,4200,800,310,0.5333,620,0.6\r\n',
  )
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
    return reportAnswer(req, res, report, {
      filename: `indicators-${report.programmeId}-${report.from}-${report.to}.csv`,
      toCsv: (r) => this.reports.toCsv(r),
    });
  }
}

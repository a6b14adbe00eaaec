import { APP_CONFIG, type AppConfig } from '@app/config';
import type { AuthUser } from '@app/identity';
import { Inject, Injectable } from '@nestjs/common';
import { writeCsv, type CsvCell } from './csv-writer.js';
import type { IndicatorsQueryDto } from './dto/indicators-query.dto.js';
import type { IndicatorsReportDto } from './dto/indicators-report.dto.js';
import { publishTable, type PublishedCounters } from './indicator-table.js';
import { IndicatorsRepository, type ProgrammeForReport } from './indicators.repository.js';
import { PUBLISHED_COLUMNS } from './report-values.js';
import {
  ReportForbiddenError,
  ReportProgrammeNotFoundError,
  ReportWindowError,
} from './reporting.errors.js';

/** Programme results for donors: counts of people, never a person (docs/reporting.md). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly indicators: IndicatorsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async indicatorReport(user: AuthUser, query: IndicatorsQueryDto): Promise<IndicatorsReportDto> {
    const programme = await this.indicators.findProgramme(query.programmeId);
    if (programme === null) throw new ReportProgrammeNotFoundError();
    assertMayReadReports(user, programme);
    const from = query.from ?? programme.startsOn;
    const to = query.to ?? programme.endsOn;
    if (to < from) throw new ReportWindowError();
    const groupBy = query.groupBy ?? [];
    const threshold = this.config.reportMinCellSize;
    const raw = await this.indicators.aggregate({
      programmeId: programme.id,
      from,
      to,
      countries: query.countries ?? [],
      groupBy,
    });
    const table = publishTable(raw, groupBy, threshold);
    return { programmeId: programme.id, from, to, groupBy, threshold, ...table };
  }

  /** The report as CSV: the group columns and the indicators, one row per group, then totals. */
  toCsv(report: IndicatorsReportDto): string {
    const header = [...report.groupBy, ...PUBLISHED_COLUMNS];
    const counters = (c: PublishedCounters): CsvCell[] => PUBLISHED_COLUMNS.map((k) => c[k]);
    return writeCsv(header, [
      ...report.rows.map((r) => [...report.groupBy.map((d) => r.group[d] ?? null), ...counters(r)]),
      [...report.groupBy.map(() => 'total'), ...counters(report.totals)],
    ]);
  }
}

/** Admins read every programme; brokers those their organisation is a partner of. */
function assertMayReadReports(user: AuthUser, programme: ProgrammeForReport): void {
  if (user.role === 'admin') return;
  if (
    user.role === 'broker' &&
    user.organisationId !== null &&
    programme.partners.includes(user.organisationId)
  ) {
    return;
  }
  throw new ReportForbiddenError();
}

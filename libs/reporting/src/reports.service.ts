import { APP_CONFIG, type AppConfig } from '@app/config';
import { InputValidationError } from '@app/http';
import type { AuthUser } from '@app/identity';
import { Inject, Injectable } from '@nestjs/common';
import { writeCsv, type CsvCell } from './csv-writer.js';
import type { IndicatorsQueryDto } from './dto/indicators-query.dto.js';
import type { IndicatorsReportDto } from './dto/indicators-report.dto.js';
import { compareGroups, publishTable, type PublishedCounters } from './indicator-table.js';
import {
  ageScaleOf,
  FLAGS,
  IndicatorsRepository,
  OTHER_PART,
  SCALE_VALUES,
  type ProgrammeForReport,
  type RawBaseCell,
} from './indicators.repository.js';
import { suppressLinked, type BaseCell } from './linked-suppression.js';
import { choosePeriod, programmePeriods } from './report-periods.js';
import {
  PUBLISHED_COLUMNS,
  UNDISCLOSED,
  YOUTH_BANDS,
  type AgeBand,
  type ReportDimension,
} from './report-values.js';
import { assertMayReadReports } from './report-access.js';
import { ReportProgrammeNotFoundError, ReportWindowError } from './reporting.errors.js';

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
    if (query.from !== undefined && query.to !== undefined && query.to < query.from) {
      throw new ReportWindowError();
    }
    const part = countryPartOf(programme, query.countries);
    const choice = choosePeriod(
      programmePeriods(programme.startsOn, programme.endsOn),
      query.from,
      query.to,
    );
    if ('field' in choice) {
      throw new InputValidationError([{ field: choice.field, message: choice.message }]);
    }
    const { period } = choice;
    const groupBy = query.groupBy ?? [];
    const threshold = this.config.reportMinCellSize;
    const raw = await this.indicators.aggregate({
      programmeId: programme.id,
      frameFrom: programme.startsOn,
      frameTo: programme.endsOn,
      from: period.from,
      to: period.to,
      byMonth: period.parent !== null,
      parts: part === null ? null : [...programme.countries, OTHER_PART],
      part,
      groupBy,
    });
    const toBase = baseCellsOf(groupBy);
    const cells = toBase(raw.cells);
    const suppressed = suppressLinked({
      dims: groupBy,
      base: cells,
      baseWithoutGroup: raw.cellsWithoutGroup === null ? cells : toBase(raw.cellsWithoutGroup),
      period,
      parts: part === null ? null : [...programme.countries, OTHER_PART],
      part,
      columns: FLAGS.length,
      threshold,
      compare: (a, b) => compareGroups(a, b, groupBy),
    });
    const table = publishTable(suppressed, { rows: raw.money, totals: raw.moneyTotals }, groupBy);
    return {
      programmeId: programme.id,
      from: period.from,
      to: period.to,
      groupBy,
      threshold,
      ...table,
    };
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

/**
 * The country part a report is asked for: one of the programme's countries, or null (the whole
 * programme). Several countries at once would be a union of parts that could be subtracted from
 * the parts themselves.
 */
function countryPartOf(
  programme: ProgrammeForReport,
  countries: string[] | undefined,
): string | null {
  if (countries === undefined || countries.length === 0) return null;
  const unique = [...new Set(countries)];
  if (unique.length > 1) {
    throw new InputValidationError([
      {
        field: 'countries',
        message: 'countries takes one country of the programme (or none for the whole programme)',
      },
    ]);
  }
  if (!programme.countries.includes(unique[0])) {
    throw new InputValidationError([
      {
        field: 'countries',
        message: `countries must be one of the programme's countries: ${programme.countries.join(', ')}`,
      },
    ]);
  }
  return unique[0];
}

/** Base cells with their month and age value decoded from the slot (see the repository). */
function baseCellsOf(groupBy: readonly ReportDimension[]) {
  const scale = ageScaleOf(groupBy);
  const values = scale === undefined ? 1 : SCALE_VALUES[scale].length;
  return (rows: RawBaseCell[]): BaseCell[] =>
    rows.map((r) => {
      const coords: Record<string, string> = {};
      for (const d of groupBy) {
        if (d === 'ageBand' || d === 'youth') {
          const value = (SCALE_VALUES[scale as 'ageBand' | 'youth'] as string[])[r.slot % values];
          coords[d] = d === 'youth' && scale === 'ageBand' ? youthOf(value as AgeBand) : value;
        } else {
          coords[d] = r.group[d] as string;
        }
      }
      return {
        month: Math.floor(r.slot / values),
        part: r.part ?? '',
        coords,
        counts: FLAGS.map((f) => r.counts[f]),
      };
    });
}

function youthOf(band: AgeBand): string {
  if (band === UNDISCLOSED) return UNDISCLOSED;
  return YOUTH_BANDS.includes(band) ? 'youth' : 'not-youth';
}

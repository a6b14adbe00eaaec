export * from './cell-suppression.js';
export * from './csv-writer.js';
export * from './dto/indicators-query.dto.js';
export * from './dto/indicators-report.dto.js';
export { IndicatorsRepository, type IndicatorQuery } from './indicators.repository.js';
export * from './report-values.js';
export * from './reporting.module.js';

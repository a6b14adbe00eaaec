import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProduces, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';

const CSV = 'text/csv';

/** OpenAPI of a report route: `model` as JSON, or CSV (`csvExample`) with `Accept: text/csv`. */
export function ApiReportOk(model: Type<unknown>, csvExample: string): MethodDecorator {
  return applyDecorators(
    ApiProduces('application/json', CSV),
    ApiExtraModels(model),
    ApiOkResponse({
      content: {
        'application/json': { schema: { $ref: getSchemaPath(model) } },
        [CSV]: { schema: { type: 'string' }, example: csvExample },
      },
    }),
  );
}

/**
 * A report as the request asks for it: JSON by default; with `Accept: text/csv`, the CSV that
 * `toCsv` writes, as an attachment named `filename`. The answer varies on `Accept`.
 */
export function reportAnswer<T>(
  req: Request,
  res: Response,
  report: T,
  csv: { filename: string; toCsv: (report: T) => string },
): T | string {
  res.vary('Accept');
  if (req.accepts(['application/json', CSV]) !== CSV) return report;
  res.type(`${CSV}; charset=utf-8`);
  res.attachment(csv.filename);
  return csv.toCsv(report);
}

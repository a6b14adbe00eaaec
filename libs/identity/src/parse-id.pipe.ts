import { InputValidationError } from '@app/http';
import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** A path id must be a UUID; otherwise a 400 naming the parameter (not a database error). */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw new InputValidationError([{ field: metadata.data ?? 'id', message: 'must be a UUID' }]);
    }
    return value.toLowerCase();
  }
}

import { InputValidationError } from '@app/http';
import { ParseUUIDPipe } from '@nestjs/common';

/** A path id must be a UUID: 400 naming `id`, never a database error. */
export const opportunityIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new InputValidationError([{ field: 'id', message: 'id must be a UUID' }]),
});

import { ForbiddenError, InputValidationError, NotFoundError } from '@app/http';

export class ReportProgrammeNotFoundError extends NotFoundError {
  constructor() {
    super('Programme');
  }
}

export class ReportForbiddenError extends ForbiddenError {
  constructor() {
    super('Only admins and brokers of a partner organisation of this programme read its reports');
  }
}

export class ReportWindowError extends InputValidationError {
  constructor() {
    super([{ field: 'to', message: 'to must be on or after from' }]);
  }
}

import { InputValidationError } from '@app/http';

export function invalidUnsubscribeToken(): InputValidationError {
  return new InputValidationError([{ field: 'token', message: 'is not a valid unsubscribe link' }]);
}

export function markReadNeedsIdsOrAll(): InputValidationError {
  return new InputValidationError([{ field: 'ids', message: 'give ids or all: true (not both)' }]);
}

import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEmail, MaxLength, ValidateBy, isISO31661Alpha2 } from 'class-validator';

/** E-mail addresses are trimmed and lower-cased; the column is citext as well. */
export function IsAccountEmail(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    IsEmail({}, { message: 'email must be an e-mail address' }),
    MaxLength(254),
  );
}

/** ISO 3166-1 alpha-2, upper-cased; XK (Kosovo, user-assigned but universally used) included. */
export function IsCountryCode(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value)),
    ValidateBy({
      name: 'isCountryCode',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && (value === 'XK' || isISO31661Alpha2(value)),
        defaultMessage: (args) =>
          `${args?.property ?? 'country'} must be an ISO 3166-1 alpha-2 country code such as RS`,
      },
    }),
  );
}

export function Trimmed(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
}

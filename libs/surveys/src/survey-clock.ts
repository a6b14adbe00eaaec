import { Injectable } from '@nestjs/common';

/**
 * The time surveys are judged by (due, reminder, expiry). One provider so tests can move it
 * forward instead of waiting days; everything else about surveys reads the time from here.
 */
@Injectable()
export class SurveyClock {
  now(): Date {
    return new Date();
  }
}

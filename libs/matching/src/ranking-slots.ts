import { Slots } from '@app/search';

/**
 * At most `size` rankings hold their eligible documents at once; the others wait their turn, in
 * order. A ranking holds every eligible document of one opportunity (up to megabytes parsed), so
 * without a bound the API's memory grows with the number of concurrent callers; with one, it
 * grows with `size` (`MATCHING_CONCURRENCY`).
 */
export class RankingSlots extends Slots {}

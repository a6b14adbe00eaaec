import { TransactionRunner } from '@app/database';
import { UsersService, type AuthUser } from '@app/identity';
import { NotificationsService } from '@app/notifications';
import { OutboxWriter } from '@app/search';
import { WebhookPublisher } from '@app/webhooks';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ListingFlagCreateDto, ListingFlagDto } from './dto/listing-flag.dto.js';
import type { OpportunityEventListDto } from './dto/opportunity-response.dto.js';
import { ListingVettingRepository, type LockedListing } from './listing-vetting.repository.js';
import { ListingVetting } from './listing-vetting.service.js';
import { FlagRateLimitedError, ListingAlreadyFlaggedError } from './listing-vetting.errors.js';
import { OpportunityNotFoundError } from './opportunities.errors.js';
import { OPPORTUNITIES_INDEX } from './opportunities.search-index.js';
import { OpportunitiesService } from './opportunities.service.js';

/** Flags from different trainees that take an open listing back into review. */
export const FLAGS_TO_REVIEW = 3;
/** Flags one person may send per hour. */
export const FLAGS_PER_HOUR = 10;

/**
 * Trainees and brokers flag listings; enough trainees flagging an open listing hold it for
 * review and tell its organisation (webhook `listing.flagged_for_review`).
 */
@Injectable()
export class ListingFlagsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: ListingVettingRepository,
    private readonly vetting: ListingVetting,
    private readonly opportunities: OpportunitiesService,
    private readonly outbox: OutboxWriter,
    private readonly webhooks: WebhookPublisher,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
  ) {}

  async flag(
    user: AuthUser,
    listingId: string,
    dto: ListingFlagCreateDto,
  ): Promise<ListingFlagDto> {
    return this.tx.run(async (m) => {
      // Locked: concurrent flags are counted one after another, so the move happens once.
      const listing = await this.repository.lockListing(m, listingId);
      if (listing === null || !canFlag(user, listing))
        throw new OpportunityNotFoundError('listing');
      const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
      if ((await this.repository.countFlagsByUserSince(m, user.id, hourAgo)) >= FLAGS_PER_HOUR) {
        throw new FlagRateLimitedError(FLAGS_PER_HOUR);
      }
      const note = dto.note ?? null;
      const flag = await this.repository.insertFlag(m, {
        listingId,
        userId: user.id,
        role: user.role,
        reason: dto.reason,
        note,
      });
      if (flag === null) throw new ListingAlreadyFlaggedError();
      if (user.role === 'trainee' && listing.status === 'open') {
        const flags = await this.repository.traineeFlagsSinceLastReview(m, listingId);
        if (flags.count >= FLAGS_TO_REVIEW) {
          const reasons = Object.entries(flags.reasons)
            .map(([reason, n]) => `${reason} ×${n}`)
            .join(', ');
          await this.vetting.holdForReview(
            m,
            listingId,
            null,
            `flagged by ${flags.count} trainees (${reasons}); brokers notified (listing.review, webhook listing.flagged_for_review)`,
          );
          await this.outbox.enqueueSearchSync(m, OPPORTUNITIES_INDEX, [listingId]);
          await this.webhooks.publish(m, {
            event: 'listing.flagged_for_review',
            organisationIds: [listing.organisationId],
            payload: { listingId, status: 'review', flags: flags.count, reasons: flags.reasons },
          });
          await this.notifyBrokers(m, listing.organisationId, listingId, flags.count);
        }
      }
      return {
        id: flag.id,
        listingId,
        reason: dto.reason,
        note,
        createdAt: flag.createdAt.toISOString(),
      };
    });
  }

  /** Every broker of the listing's organisation hears of it in the product (and by e-mail). */
  private async notifyBrokers(
    manager: EntityManager,
    organisationId: string,
    listingId: string,
    flags: number,
  ): Promise<void> {
    const brokers = (await this.users.findMembersOf(organisationId)).filter(
      (u) => u.role === 'broker' && !u.erased,
    );
    for (const broker of brokers) {
      await this.notifications.notify(manager, {
        userId: broker.id,
        kind: 'listing.review',
        data: { listingId, flags },
        link: `/api/listings/${listingId}`,
      });
    }
  }

  /** A listing's audit trail, for brokers of its organisation (and admins). */
  async events(user: AuthUser, listingId: string): Promise<OpportunityEventListDto> {
    await this.opportunities.get('listing', user, listingId);
    const rows = await this.vetting.events(this.tx.manager, listingId);
    return {
      items: rows.map((r) => ({
        fromStatus: r.fromStatus,
        toStatus: r.toStatus,
        actorRole: r.actorRole,
        note: r.note,
        createdAt: r.createdAt.toISOString(),
      })),
    };
  }
}

/** Trainees flag what they can see (open listings); brokers their own organisation's listings. */
function canFlag(user: AuthUser, listing: LockedListing): boolean {
  if (user.role === 'trainee') return listing.status === 'open';
  return user.role === 'broker' && user.organisationId === listing.organisationId;
}

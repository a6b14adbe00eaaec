import { Entity, PrimaryColumn } from 'typeorm';

/** A membership organisation that brokers for a programme and reports on it. */
@Entity({ name: 'programme_partners' })
export class ProgrammePartnerEntity {
  @PrimaryColumn({ name: 'programme_id', type: 'uuid' }) programmeId: string;
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' }) organisationId: string;
}

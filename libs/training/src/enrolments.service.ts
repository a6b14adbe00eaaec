import { NotificationsService } from '@app/notifications';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { TransactionRunner } from '@app/database';
import { ConflictError, pageRequest, toPage, type PageQueryDto } from '@app/http';
import type { AuthUser } from '@app/identity';
import { FollowUpSchedule } from '@app/surveys';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CompleteEnrolmentDto, CreateEnrolmentDto } from './dto/enrolment.dto.js';
import { CertificatesRepository } from './certificates.repository.js';
import { newCertificateCode } from './certificate-code.js';
import { CoursesRepository } from './courses.repository.js';
import { decideEnrolmentOutcome } from './enrolment-rules.js';
import { EnrolmentsRepository, type EnrolmentInCourse } from './enrolments.repository.js';
import { SkillCertification } from './skill-certification.js';
import { assertActsForProvider } from './training-access.js';
import { TrainingDirectory } from './training-directory.js';
import {
  AlreadyEnrolledError,
  CohortFullError,
  CohortNotFoundError,
  EnrolmentFinishedError,
  EnrolmentNotFoundError,
  NotATraineeProfileError,
} from './training.errors.js';
import type { EnrolmentRecord, IssuedCertificate, RecordPage } from './training-records.js';
import { issuedCertificate } from './training-views.js';

/** A completion's certificate, and whether this request issued it (false: an earlier one did). */
export interface CompletionResult {
  certificate: IssuedCertificate;
  issued: boolean;
}

@Injectable()
export class EnrolmentsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly courses: CoursesRepository,
    private readonly enrolments: EnrolmentsRepository,
    private readonly certificates: CertificatesRepository,
    private readonly directory: TrainingDirectory,
    private readonly certification: SkillCertification,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    // Optional only so unit specs may leave it out; the module always provides it.
    @Optional() private readonly notifications?: NotificationsService,
    @Optional() private readonly followUps?: FollowUpSchedule,
  ) {}

  /**
   * The cohort row is locked first, so concurrent enrolments into one cohort queue up: each
   * counts seats after the previous one committed, and the last seat goes to exactly one.
   */
  async enrol(user: AuthUser, cohortId: string, dto: CreateEnrolmentDto): Promise<EnrolmentRecord> {
    const profileId = dto.profileId.toLowerCase();
    return this.transactions.run(async (manager) => {
      const found = await this.courses.lockCohortOfProvider(manager, cohortId);
      if (found === null) throw new CohortNotFoundError();
      assertActsForProvider(user, found.providerId);
      if (!(await this.directory.isActiveTraineeProfile(manager, profileId))) {
        throw new NotATraineeProfileError();
      }
      if (await this.enrolments.isEnrolled(manager, cohortId, profileId)) {
        throw new AlreadyEnrolledError();
      }
      const taken = (await this.courses.countSeatsTaken(manager, [cohortId])).get(cohortId) ?? 0;
      if (taken >= found.cohort.capacity) throw new CohortFullError(found.cohort.capacity);
      const enrolment = await this.enrolments.insertUnlessEnrolled(manager, {
        cohortId,
        profileId,
        enrolledBy: user.id,
      });
      if (enrolment === null) throw new AlreadyEnrolledError();
      return enrolment;
    });
  }

  async listOfCohort(
    user: AuthUser,
    cohortId: string,
    query: PageQueryDto,
  ): Promise<RecordPage<EnrolmentRecord>> {
    const { after, limit } = pageRequest(query);
    return this.transactions.run(async (manager) => {
      const found = await this.courses.findCohortOfProvider(manager, cohortId);
      if (found === null) throw new CohortNotFoundError();
      assertActsForProvider(user, found.providerId, { allowAdmin: true });
      const page = toPage(
        await this.enrolments.findPageOfCohort(manager, cohortId, after, limit + 1),
        limit,
      );
      return { items: page.rows, nextCursor: page.nextCursor };
    });
  }

  /**
   * Completes the enrolment and issues its certificate; the course's skills become verified on
   * the trainee's profile in the same transaction (and the profile is queued for re-indexing).
   * Asking again answers with the same certificate and changes nothing.
   */
  async complete(
    user: AuthUser,
    enrolmentId: string,
    dto: CompleteEnrolmentDto,
  ): Promise<CompletionResult> {
    return this.transactions.run(async (manager) => {
      const { enrolment, courseId } = await this.lockForProvider(manager, user, enrolmentId);
      const decision = decideEnrolmentOutcome(enrolment.status, 'completed');
      if (decision === 'conflict') throw new EnrolmentFinishedError('dropped');
      if (decision === 'repeat') {
        const existing = (await this.certificates.findByEnrolments(manager, [enrolmentId])).get(
          enrolmentId,
        );
        if (existing === undefined) {
          throw new Error(`completed enrolment ${enrolmentId} has no certificate`);
        }
        return {
          certificate: issuedCertificate(existing, this.config.publicBaseUrl),
          issued: false,
        };
      }
      const profileId = enrolment.profileId;
      if (!(await this.directory.isActiveTraineeProfile(manager, profileId, { lock: true }))) {
        throw new ConflictError('TRAINEE_GONE', 'The trainee erased their account');
      }
      await this.enrolments.markFinished(manager, enrolmentId, 'completed', dto.score ?? null);
      const skills = (await this.courses.findSkillsOfCourses(manager, [courseId])).get(courseId);
      const certificate = await this.certificates.insertWithSkills(
        manager,
        { enrolmentId, profileId, code: newCertificateCode() },
        skills ?? [],
      );
      await this.certification.refresh(manager, profileId);
      // the follow-up surveys exist if and only if the completion commits
      await this.followUps?.afterTraining(manager, enrolmentId);
      const traineeUserId =
        this.notifications === undefined
          ? null
          : await this.directory.findUserIdOfProfile(manager, profileId);
      if (traineeUserId !== null) {
        await this.notifications?.notify(manager, {
          userId: traineeUserId,
          kind: 'certificate.issued',
          data: { certificateCode: certificate.code, enrolmentId },
          link: `/api/certificates/${certificate.code}`,
        });
      }
      return {
        certificate: issuedCertificate(certificate, this.config.publicBaseUrl),
        issued: true,
      };
    });
  }

  /** Drops the enrolment (freeing the seat); dropping again changes nothing. */
  async drop(user: AuthUser, enrolmentId: string): Promise<EnrolmentRecord> {
    return this.transactions.run(async (manager) => {
      const { enrolment } = await this.lockForProvider(manager, user, enrolmentId);
      const decision = decideEnrolmentOutcome(enrolment.status, 'dropped');
      if (decision === 'conflict') throw new EnrolmentFinishedError('completed');
      if (decision === 'repeat') return enrolment;
      return this.enrolments.markFinished(manager, enrolmentId, 'dropped', null);
    });
  }

  private async lockForProvider(
    manager: EntityManager,
    user: AuthUser,
    enrolmentId: string,
  ): Promise<EnrolmentInCourse> {
    const found = await this.enrolments.lockInCourse(manager, enrolmentId);
    if (found === null) throw new EnrolmentNotFoundError();
    assertActsForProvider(user, found.providerId);
    return found;
  }
}

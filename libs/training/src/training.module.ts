import { NotificationsModule } from '@app/notifications';
import { IdentityModule } from '@app/identity';
import { ProfilesModule } from '@app/profiles';
import { OpportunitiesModule } from '@app/opportunities';
import { SurveysCoreModule } from '@app/surveys';
import { TaxonomyModule } from '@app/taxonomy';
import { Module } from '@nestjs/common';
import { CertificateDetailsReader } from './certificate-details.js';
import { CertificatePublicService } from './certificate-public.service.js';
import { CertificatesController } from './certificates.controller.js';
import { CredentialKeysController } from './credential-keys.controller.js';
import { CredentialKeysRepository } from './credential-keys.repository.js';
import { CredentialKeysService } from './credential-keys.service.js';
import { CertificatesRepository } from './certificates.repository.js';
import { CertificatesService } from './certificates.service.js';
import { CourseOffers } from './course-offers.js';
import { CoursesController } from './courses.controller.js';
import { CoursesRepository } from './courses.repository.js';
import { CoursesService } from './courses.service.js';
import { EnrolmentsController } from './enrolments.controller.js';
import { EnrolmentsRepository } from './enrolments.repository.js';
import { EnrolmentsService } from './enrolments.service.js';
import { ProgrammeDirectory } from './programme-directory.js';
import { ProgrammesController } from './programmes.controller.js';
import { ProgrammesRepository } from './programmes.repository.js';
import { ProgrammesService } from './programmes.service.js';
import { SkillCertification } from './skill-certification.js';
import { SkillGapsReportService } from './skill-gaps-report.service.js';
import { SkillGapsController } from './skill-gaps.controller.js';
import { SkillGapsService } from './skill-gaps.service.js';
import { TrainingDirectory } from './training-directory.js';

/**
 * Programmes, courses, cohorts, enrolments and certificates. Completing an enrolment verifies
 * the taught skills on the trainee's profile through @app/profiles (never the other way round).
 */
@Module({
  imports: [
    NotificationsModule,
    IdentityModule,
    TaxonomyModule,
    ProfilesModule,
    OpportunitiesModule,
    SurveysCoreModule,
  ],
  controllers: [
    ProgrammesController,
    CoursesController,
    EnrolmentsController,
    CertificatesController,
    CredentialKeysController,
    SkillGapsController,
  ],
  providers: [
    ProgrammesRepository,
    CoursesRepository,
    EnrolmentsRepository,
    CertificatesRepository,
    TrainingDirectory,
    ProgrammesService,
    CoursesService,
    EnrolmentsService,
    CertificatesService,
    SkillCertification,
    CertificateDetailsReader,
    CertificatePublicService,
    CredentialKeysRepository,
    CredentialKeysService,
    SkillGapsService,
    SkillGapsReportService,
    CourseOffers,
    ProgrammeDirectory,
  ],
  exports: [ProgrammeDirectory, CourseOffers],
})
export class TrainingModule {}

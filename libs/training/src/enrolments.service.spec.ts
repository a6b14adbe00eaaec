import { describe, expect, it, jest } from '@jest/globals';
import type { AppConfig } from '@app/config';
import type { TransactionRunner } from '@app/database';
import type { AuthUser } from '@app/identity';
import type { EntityManager } from 'typeorm';
import type { CertificatesRepository } from './certificates.repository.js';
import type { CoursesRepository } from './courses.repository.js';
import type { EnrolmentsRepository } from './enrolments.repository.js';
import { EnrolmentsService } from './enrolments.service.js';
import type { SkillCertification } from './skill-certification.js';
import type { TrainingDirectory } from './training-directory.js';
import type { CertificateRecord, EnrolmentRecord } from './training-records.js';
import type { EnrolmentStatus } from './training-values.js';

const PROVIDER = '00000000-0000-4000-8000-0000000000aa';
const trainer: AuthUser = {
  id: 'u1',
  email: 't@example.org',
  role: 'trainer',
  organisationId: PROVIDER,
};
const manager = {} as EntityManager;

function setUp(status: EnrolmentStatus, options: { activeTrainee?: boolean } = {}) {
  const enrolment: EnrolmentRecord = {
    id: 'e1',
    cohortId: 'c1',
    profileId: 'p1',
    status,
    score: null,
    finishedAt: null,
    createdAt: new Date('2026-03-02T09:00:00Z'),
  };
  const certificate: CertificateRecord = {
    id: 'cert1',
    enrolmentId: 'e1',
    profileId: 'p1',
    code: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
    issuedAt: new Date('2026-05-29T10:00:00Z'),
    revokedAt: null,
    revokedBy: null,
    revocationReason: null,
  };
  const enrolments = {
    lockInCourse: jest.fn(async (..._args: unknown[]) => ({
      enrolment,
      courseId: 'course1',
      providerId: PROVIDER,
    })),
    markFinished: jest.fn(async (..._args: unknown[]) => ({ ...enrolment, status: 'completed' })),
  };
  const certificates = {
    findByEnrolments: jest.fn(async (..._args: unknown[]) => new Map([['e1', certificate]])),
    insertWithSkills: jest.fn(async (..._args: unknown[]) => certificate),
  };
  const courses = {
    findSkillsOfCourses: jest.fn(
      async (..._args: unknown[]) => new Map([['course1', [{ skillId: 's1', level: 3 }]]]),
    ),
  };
  const directory = {
    isActiveTraineeProfile: jest.fn(async (..._args: unknown[]) => options.activeTrainee ?? true),
  };
  const certification = { refresh: jest.fn(async (..._args: unknown[]) => undefined) };
  const transactions = {
    run: <T>(work: (m: EntityManager) => Promise<T>) => work(manager),
  } as unknown as TransactionRunner;
  const service = new EnrolmentsService(
    transactions,
    courses as unknown as CoursesRepository,
    enrolments as unknown as EnrolmentsRepository,
    certificates as unknown as CertificatesRepository,
    directory as unknown as TrainingDirectory,
    certification as unknown as SkillCertification,
    { publicBaseUrl: 'https://tb.example.org' } as AppConfig,
  );
  return { service, enrolments, certificates, certification, directory };
}

describe('EnrolmentsService.complete', () => {
  it('issues a certificate for the taught skills and refreshes the verified skills', async () => {
    const { service, certificates, certification, enrolments } = setUp('enrolled');
    const result = await service.complete(trainer, 'e1', { score: 90 });
    expect(result.issued).toBe(true);
    expect(result.certificate.verifyUrl).toBe(
      'https://tb.example.org/api/certificates/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
    );
    expect(enrolments.markFinished).toHaveBeenCalledWith(manager, 'e1', 'completed', 90);
    const [, fields, skills] = certificates.insertWithSkills.mock.calls[0] as unknown[];
    expect((fields as { code: string }).code).toMatch(/^[A-Z2-7]{32}$/);
    expect(skills).toEqual([{ skillId: 's1', level: 3 }]);
    expect(certification.refresh).toHaveBeenCalledWith(manager, 'p1');
  });

  it('answers a repeat with the earlier certificate and changes nothing', async () => {
    const { service, certificates, certification, enrolments } = setUp('completed');
    const result = await service.complete(trainer, 'e1', { score: 10 });
    expect(result).toMatchObject({
      issued: false,
      certificate: { code: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567' },
    });
    expect(enrolments.markFinished).not.toHaveBeenCalled();
    expect(certificates.insertWithSkills).not.toHaveBeenCalled();
    expect(certification.refresh).not.toHaveBeenCalled();
  });

  it('refuses a dropped enrolment and a trainee who erased their account', async () => {
    await expect(setUp('dropped').service.complete(trainer, 'e1', {})).rejects.toMatchObject({
      code: 'ENROLMENT_FINISHED',
      status: 409,
    });
    const gone = setUp('enrolled', { activeTrainee: false });
    await expect(gone.service.complete(trainer, 'e1', {})).rejects.toMatchObject({
      code: 'TRAINEE_GONE',
    });
    expect(gone.enrolments.markFinished).not.toHaveBeenCalled();
  });

  it("refuses a trainer of another provider, before looking at the enrolment's state", async () => {
    const { service, enrolments } = setUp('enrolled');
    const stranger = { ...trainer, organisationId: '00000000-0000-4000-8000-0000000000bb' };
    await expect(service.complete(stranger, 'e1', {})).rejects.toMatchObject({ status: 403 });
    expect(enrolments.markFinished).not.toHaveBeenCalled();
  });
});

import { loginAdmin, makeTrainer, registerTrainee, type SignedIn } from './factories.js';
import { putProfile, skillIds } from './profile-factories.js';
import type { TestApp } from './test-app.js';
import {
  complete,
  createCohort,
  createCourse,
  createProgramme,
  enrol,
  profileIdOf,
} from './training-factories.js';

export interface IssuedCertificate {
  code: string;
  verifyUrl: string;
  trainee: SignedIn;
  trainer: SignedIn;
  admin: SignedIn;
  courseTitle: string;
  programmeCode: string;
}

/**
 * A trainee named `displayName` completes a course of a new provider inside a programme; the
 * course certifies JavaScript at 3 and SQL at 2 (both ESCO skills).
 */
export async function issueCertificate(
  t: TestApp,
  displayName: string,
  options: { trainer?: SignedIn; courseTitle?: string } = {},
): Promise<IssuedCertificate> {
  const admin = await loginAdmin(t);
  const trainer = options.trainer ?? (await makeTrainer(t, admin));
  const skills = await skillIds(t, ['JavaScript', 'SQL']);
  const programme = await createProgramme(t, admin);
  const courseTitle = options.courseTitle ?? 'Web development with JavaScript';
  const course = await createCourse(
    t,
    trainer,
    [
      { skillId: skills.JavaScript, level: 3 },
      { skillId: skills.SQL, level: 2 },
    ],
    { title: courseTitle, programmeId: programme.id, hours: 96 },
  );
  const cohort = await createCohort(t, trainer, course.id);
  const trainee = await registerTrainee(t, { displayName });
  await putProfile(t, trainee, { visibility: 'brokers' });
  const enrolment = await enrol(t, trainer, cohort.id, await profileIdOf(t, trainee));
  const certificate = await complete(t, trainer, enrolment.id, { score: 91 });
  return {
    ...certificate,
    trainee,
    trainer,
    admin,
    courseTitle,
    programmeCode: programme.code as string,
  };
}

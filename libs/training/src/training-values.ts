export const COURSE_MODES = ['online', 'in_person', 'blended'] as const;
export type CourseMode = (typeof COURSE_MODES)[number];

export const ENROLMENT_STATUSES = ['enrolled', 'completed', 'dropped'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** A skill a course teaches, or a certificate certifies, at a level 1–5. */
export interface SkillAtLevel {
  skillId: string;
  level: number;
}

/** Orders of the course list: oldest first, or most open skill gaps closed first. */
export const COURSE_SORTS = ['createdAt', 'gapCoverage'] as const;
export type CourseSort = (typeof COURSE_SORTS)[number];

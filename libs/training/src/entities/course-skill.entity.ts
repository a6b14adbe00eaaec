import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'course_skills' })
export class CourseSkillEntity {
  @PrimaryColumn({ name: 'course_id', type: 'uuid' }) courseId: string;
  @PrimaryColumn({ name: 'skill_id', type: 'uuid' }) skillId: string;
  @Column({ type: 'smallint' }) level: number;
}

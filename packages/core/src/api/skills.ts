/**
 * The skills library (issue 8): topics a program publishes, assigned to a participant as homework, read in the portal.
 * The topics' text is core's `SKILL_TOPICS`; these shapes carry only which topics and when.
 */
import { z } from 'zod';
import { SKILL_TOPIC_IDS } from '../skills/skill-topics.ts';

const topic = z.enum(SKILL_TOPIC_IDS, { error: `must be one of ${SKILL_TOPIC_IDS.join(', ')}` });
const staffRef = z.object({ id: z.string(), name: z.string() });

/** GET /api/v1/programs/:id/skills: every topic, and whether the program publishes it. */
export const programSkillsSchema = z.object({
  programId: z.uuid(),
  topics: z.array(z.object({ topic, publishedAt: z.string().nullable() })),
});
export type ProgramSkills = z.infer<typeof programSkillsSchema>;

/** PUT /api/v1/programs/:id/skills: the topics the program publishes from now on (the others are withdrawn). */
export const programSkillsSaveSchema = z.object({
  topics: z
    .array(topic)
    .max(SKILL_TOPIC_IDS.length)
    .refine((t) => new Set(t).size === t.length, 'must not repeat a topic'),
});
export type ProgramSkillsSave = z.infer<typeof programSkillsSaveSchema>;

export const skillAssignmentSchema = z.object({
  id: z.uuid(),
  episodeId: z.uuid(),
  topic,
  assignedBy: staffRef,
  assignedAt: z.string(),
  /** Null until the participant marks it read in the portal. */
  readAt: z.string().nullable(),
});
export type SkillAssignment = z.infer<typeof skillAssignmentSchema>;

/** GET /api/v1/episodes/:id/skill-assignments: what the program publishes, and what was assigned (read or not). */
export const episodeSkillsSchema = z.object({
  published: z.array(topic),
  assignments: z.array(skillAssignmentSchema),
});
export type EpisodeSkills = z.infer<typeof episodeSkillsSchema>;

/** POST /api/v1/episodes/:id/skill-assignments: assign a published topic as homework. */
export const skillAssignmentCreateSchema = z.object({ topic });
export type SkillAssignmentCreate = z.infer<typeof skillAssignmentCreateSchema>;

/** GET /api/v1/portal/skills: the participant's library — published for their programs, or assigned to them. */
export const portalSkillsSchema = z.object({
  topics: z.array(z.object({ topic, assignedAt: z.string().nullable(), readAt: z.string().nullable() })),
});
export type PortalSkills = z.infer<typeof portalSkillsSchema>;

export const skillTopicParamsSchema = z.object({ topic });

/** POST /api/v1/portal/skills/:topic/read: marks the participant's assignments of the topic read. */
export const skillReadSchema = z.object({ topic, readAt: z.string() });

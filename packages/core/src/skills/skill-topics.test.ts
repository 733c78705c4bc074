import { describe, expect, it } from 'vitest';
import { SKILL_TOPIC_IDS, SKILL_TOPICS, skillTopicWords } from './skill-topics.ts';

const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== '');

describe('skills library topics', () => {
  it('has the eight topics issue 8 lists, each keyed by its own id', () => {
    expect(SKILL_TOPIC_IDS).toHaveLength(8);
    for (const id of SKILL_TOPIC_IDS) expect(SKILL_TOPICS[id].id).toBe(id);
  });

  it.each(SKILL_TOPIC_IDS)('%s is short and plain: a phone read, short sentences, steps to try', (id) => {
    const topic = SKILL_TOPICS[id];
    const words = skillTopicWords(topic);
    expect(words.length).toBeGreaterThan(80);
    expect(words.length).toBeLessThan(260);
    const sentences = [...topic.body, ...topic.tryThis].flatMap(sentencesOf);
    const longest = Math.max(...sentences.map((s) => s.split(/\s+/).length));
    // Plain-language guidance keeps sentences short; none here runs past 30 words.
    expect(longest).toBeLessThanOrEqual(30);
    expect(words.length / sentences.length).toBeLessThan(16);
    expect(topic.tryThis.length).toBeGreaterThanOrEqual(3);
  });
});

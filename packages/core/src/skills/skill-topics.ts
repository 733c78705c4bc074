/**
 * The skills library (issue 8): short psychoeducation topics a program publishes to its participants and clinicians
 * assign as homework. The text is Trellis's own, written in plain language (short sentences, everyday words) for a
 * participant reading on a phone between sessions; it teaches a skill, it does not diagnose or replace care.
 */
export const SKILL_TOPIC_IDS = [
  'stress_management',
  'emotional_regulation',
  'coping_with_cravings',
  'mindfulness_grounding',
  'healthy_routines',
  'conflict_resolution',
  'communication',
  'early_warning_signs',
] as const;
export type SkillTopicId = (typeof SKILL_TOPIC_IDS)[number];

export interface SkillTopic {
  id: SkillTopicId;
  title: string;
  /** One sentence: what the topic helps with. */
  summary: string;
  /** A few short paragraphs: what it is and why it helps. */
  body: readonly string[];
  /** Steps to try this week. */
  tryThis: readonly string[];
}

export const SKILL_TOPICS: Record<SkillTopicId, SkillTopic> = {
  stress_management: {
    id: 'stress_management',
    title: 'Managing stress',
    summary: 'Notice stress early and bring it down before it builds.',
    body: [
      'Stress is your body getting ready to deal with a problem. A little can help you act. Too much, for too long, wears you out and makes old habits feel tempting.',
      'You cannot remove every cause of stress. You can notice it sooner, lower it in the moment, and plan for the things you know are coming.',
    ],
    tryThis: [
      'Name one thing that stressed you today and where you felt it in your body.',
      'Breathe in for a count of four and out for a count of six. Repeat five times.',
      'Split one big task into three small steps. Do only the first step today.',
      'Plan one short break tomorrow and put it in your calendar.',
    ],
  },
  emotional_regulation: {
    id: 'emotional_regulation',
    title: 'Handling strong feelings',
    summary: 'Ride out strong feelings without acting on them straight away.',
    body: [
      'Feelings carry information. They are not orders. Anger, sadness or fear can feel huge, but they rise, peak and pass, often within minutes.',
      'It is easier to manage a feeling when you can name it. Sleep, food and rest also matter: a tired, hungry body feels everything more strongly.',
    ],
    tryThis: [
      'When a feeling is strong, name it out loud or in writing: "I feel angry."',
      'Rate it from 0 to 10. Wait ten minutes and rate it again.',
      'Ask: what would help this feeling pass, rather than grow?',
      'Do one small thing that is the opposite of the urge, like a calm walk instead of a shout.',
    ],
  },
  coping_with_cravings: {
    id: 'coping_with_cravings',
    title: 'Coping with cravings',
    summary: 'Get through a craving safely until it fades.',
    body: [
      'A craving is a strong urge to use. It often comes with a trigger: a place, a person, a feeling or a time of day. Cravings are common in recovery and they do not mean you are failing.',
      'Most cravings rise and then fall within about half an hour if you do not act on them. Each time you ride one out, the next one tends to be a little weaker.',
    ],
    tryThis: [
      'When a craving starts, note the time and what set it off.',
      'Delay: tell yourself you will wait 20 minutes before deciding anything.',
      'Distract: call someone, take a shower, go for a walk or eat something.',
      'Remind yourself of your reasons for change. Keep them written on your phone.',
    ],
  },
  mindfulness_grounding: {
    id: 'mindfulness_grounding',
    title: 'Mindfulness and grounding',
    summary: 'Come back to the present moment when your mind races or you feel overwhelmed.',
    body: [
      'Mindfulness means paying attention to what is happening right now, without judging it. Grounding uses your senses to bring you back to the here and now.',
      'These skills are useful when you feel panicky, numb, or stuck in memories or worries. They take practice, so try them on calm days too.',
    ],
    tryThis: [
      'Name 5 things you can see, 4 you can touch, 3 you can hear, 2 you can smell and 1 you can taste.',
      'Press your feet into the floor and notice the feeling for ten slow breaths.',
      'Hold something cold or textured and describe it to yourself in detail.',
      'Spend two minutes a day just noticing your breath. When your mind wanders, gently bring it back.',
    ],
  },
  healthy_routines: {
    id: 'healthy_routines',
    title: 'Healthy routines',
    summary: 'Build steady days that support your mood and recovery.',
    body: [
      'Routines take away some of the daily decisions that can drain you. Regular sleep, meals and movement help steady your mood and energy.',
      'Empty or chaotic time can be risky in recovery. A simple plan for the day gives you something to come back to when things feel shaky.',
    ],
    tryThis: [
      'Go to bed and get up at about the same time each day this week.',
      'Eat something at breakfast, lunch and dinner, even if it is small.',
      'Move your body for 15 minutes a day: a walk counts.',
      "Write tomorrow's plan tonight, with at least one thing you enjoy.",
    ],
  },
  conflict_resolution: {
    id: 'conflict_resolution',
    title: 'Working through conflict',
    summary: 'Disagree without a fight, and repair things afterwards.',
    body: [
      'Conflict is a normal part of close relationships. It becomes harmful when it turns into blaming, shouting or shutting down.',
      'The aim is not to win. The aim is for both people to feel heard and to find a next step you can both live with.',
    ],
    tryThis: [
      'If you feel yourself getting heated, ask for a break and agree a time to talk again.',
      'Say what you need, not what the other person did wrong.',
      'Repeat back what you heard before you answer: "So you are saying…"',
      'Look for one small thing you can both agree on, and start there.',
    ],
  },
  communication: {
    id: 'communication',
    title: 'Saying what you need',
    summary: 'Ask for what you need clearly and respectfully.',
    body: [
      'Clear communication helps people understand you and makes support easier to get. Many of us learned to hint, to stay quiet, or to explode.',
      'Being assertive means saying how you feel and what you need, while respecting the other person. It is a skill, and it gets easier with practice.',
    ],
    tryThis: [
      'Use "I" statements: "I feel worried when plans change last minute."',
      'Be specific about what you are asking for and when.',
      'Practise saying no to one small request this week, kindly and without a long excuse.',
      'Listen fully before you reply. Put your phone away when someone is talking to you.',
    ],
  },
  early_warning_signs: {
    id: 'early_warning_signs',
    title: 'Spotting early warning signs',
    summary: 'Catch the first signs that things are slipping, and act early.',
    body: [
      'A relapse usually starts well before a drink, a drug or a crisis. Small changes come first: skipping meals or meetings, sleeping badly, pulling away from people, or thinking "just once will not hurt".',
      'Knowing your own signs lets you act early, when it is easier to turn things around. Your relapse prevention plan is a good place to write them down.',
    ],
    tryThis: [
      'List three signs that, looking back, came before a hard time for you.',
      'Ask someone you trust what changes they notice in you when you are struggling.',
      'Pick one action for each sign, such as calling your sponsor or your counsellor.',
      'Check your list once a week. Share it with your care team at your next session.',
    ],
  },
};

/** The words of a topic, for a reading-level check. */
export function skillTopicWords(topic: SkillTopic): string[] {
  return [topic.summary, ...topic.body, ...topic.tryThis].join(' ').split(/\s+/).filter(Boolean);
}

import { Alert, Anchor, Badge, Button, Card, Group, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { SKILL_TOPIC_IDS, SKILL_TOPICS, type PortalSkills } from '@trellis/core';
import { formatDateTime } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { useMarkSkillRead, usePortalSkills } from './api.ts';

type LibraryTopic = PortalSkills['topics'][number];
const isHomework = (t: LibraryTopic) => t.assignedAt !== null && t.readAt === null;

/** The participant's skills library: homework first, then the other topics their program publishes. */
export function PortalSkillsPage() {
  usePageTitle('Skills');
  const skills = usePortalSkills();
  if (skills.isPending) return <Skeleton h={240} aria-label="Loading your skills library" />;
  if (skills.isError)
    return (
      <ProblemAlert
        error={skills.error}
        title="Your skills library could not be loaded"
        onRetry={() => void skills.refetch()}
      />
    );
  const topics = [...skills.data.topics].sort((a, b) => Number(isHomework(b)) - Number(isHomework(a)));
  if (topics.length === 0) {
    return (
      <Alert color="blue" title="No topics yet">
        Your program has not shared any skills topics yet.
      </Alert>
    );
  }
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Skills topics">
      {topics.map((t) => (
        <Card key={t.topic} withBorder padding="md" component="li">
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Anchor component={Link} to={`/portal/skills/${t.topic}`} fw={700} size="lg">
                {SKILL_TOPICS[t.topic].title}
              </Anchor>
              {isHomework(t) ? (
                <Badge color="orange">Homework</Badge>
              ) : t.readAt ? (
                <Badge color="teal" variant="light">
                  Read
                </Badge>
              ) : null}
            </Group>
            <Text size="sm">{SKILL_TOPICS[t.topic].summary}</Text>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

/** One topic to read, with "I have read this" for homework (the care team sees it as read). */
export function PortalSkillTopicPage() {
  const { topic: param = '' } = useParams();
  const topic = SKILL_TOPIC_IDS.find((id) => id === param);
  usePageTitle(topic ? SKILL_TOPICS[topic].title : 'Skills');
  const skills = usePortalSkills();
  const markRead = useMarkSkillRead();
  if (skills.isPending) return <Skeleton h={300} aria-label="Loading the topic" />;
  if (skills.isError)
    return (
      <ProblemAlert error={skills.error} title="This topic could not be loaded" onRetry={() => void skills.refetch()} />
    );
  const mine = topic ? skills.data.topics.find((t) => t.topic === topic) : undefined;
  if (!topic || !mine) {
    return (
      <Alert color="orange" title="This topic is not in your library">
        <Anchor component={Link} to="/portal/skills">
          Back to your skills library
        </Anchor>
      </Alert>
    );
  }
  const content = SKILL_TOPICS[topic];
  return (
    <Stack gap="md" component="article" aria-labelledby="topic-heading">
      <Anchor component={Link} to="/portal/skills" size="sm">
        All skills topics
      </Anchor>
      <Title order={2} size="h3" id="topic-heading">
        {content.title}
      </Title>
      <Text fw={500}>{content.summary}</Text>
      {content.body.map((p, i) => (
        <Text key={i}>{p}</Text>
      ))}
      <Title order={3} size="h5">
        Try this
      </Title>
      <List spacing="xs">
        {content.tryThis.map((step, i) => (
          <List.Item key={i}>{step}</List.Item>
        ))}
      </List>
      {mine.readAt ? (
        <Text size="sm" c="dimmed">
          You marked this read on {formatDateTime(mine.readAt)}.
        </Text>
      ) : mine.assignedAt ? (
        <>
          {markRead.error && <ProblemAlert error={markRead.error} title="It was not marked read" />}
          <Button size="md" fullWidth loading={markRead.isPending} onClick={() => markRead.mutate(topic)}>
            I have read this
          </Button>
        </>
      ) : null}
    </Stack>
  );
}

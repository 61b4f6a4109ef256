import { deadLetterTopic, TOPICS } from '@plass/contracts';
import { DEAD_LETTER_MAX_BYTES } from './consumer';
import { STANDARD_TOPICS } from './topics';

describe('STANDARD_TOPICS', () => {
  it.each(Object.values(TOPICS))('creates %s with its dead-letter topic and its size limit', (topic) => {
    expect(STANDARD_TOPICS.map((t) => t.topic)).toContain(topic);
    expect(STANDARD_TOPICS.find((t) => t.topic === deadLetterTopic(topic))).toMatchObject({
      maxMessageBytes: DEAD_LETTER_MAX_BYTES,
    });
  });
});

import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { githubActions } from '@@/shared/providers/actions/github';
import { slackActions } from '@@/shared/providers/actions/slack';
import { fieldsOf, textOf, valueOf } from './schema-fields';

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

describe('step input fields from a catalog action’s JSON Schema', () => {
  it('slack.post_message: channel and text required, the message a text area, link as JSON', () => {
    expect(fieldsOf(jsonSchema(slackActions.post_message.input))).toEqual([
      { key: 'channel', label: 'Channel', kind: 'text', required: true },
      { key: 'text', label: 'Text', kind: 'long-text', required: true },
      { key: 'link', label: 'Link', kind: 'json', required: false },
    ]);
  });

  it('github.set_state: a number, and choices from the enum', () => {
    const fields = fieldsOf(jsonSchema(githubActions.set_state.input));
    expect(fields.find((f) => f.key === 'number')).toMatchObject({ kind: 'number', required: true });
    expect(fields.find((f) => f.key === 'state')).toMatchObject({ kind: 'choice', options: ['open', 'closed'] });
    expect(fieldsOf(jsonSchema(githubActions.create_issue.input)).find((f) => f.key === 'labels')).toMatchObject({ kind: 'list' });
  });

  it('typed text becomes the document’s value: numbers, lists, JSON, and expressions left as text', () => {
    const number = { key: 'n', label: 'N', kind: 'number', required: true } as const;
    expect(valueOf(number, '42')).toBe(42);
    expect(valueOf(number, '{{trigger.issue.number}}')).toBe('{{trigger.issue.number}}');
    expect(valueOf(number, '  ')).toBeUndefined();
    const list = { key: 'l', label: 'L', kind: 'list', required: false } as const;
    expect(valueOf(list, 'bug\n\n{{config.label}}\n')).toEqual(['bug', '{{config.label}}']);
    expect(textOf(list, ['bug', 'urgent'])).toBe('bug\nurgent');
    const json = { key: 'j', label: 'J', kind: 'json', required: false } as const;
    expect(valueOf(json, '{"url": "https://x"}')).toEqual({ url: 'https://x' });
    expect(valueOf(json, '{{steps.find.link}}')).toBe('{{steps.find.link}}');
  });
});

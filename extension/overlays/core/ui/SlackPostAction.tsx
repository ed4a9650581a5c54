import { useState } from 'preact/hooks';
import { ActionForm } from './ActionForm';
import { ChoiceSelect } from './ChoiceSelect';
import { useFields } from './use-fields';

type Props = { testid: string; title: string; text: string; link?: { url: string; title: string }; standalone?: boolean };

/** Post to a Slack channel (picked from the bot's channels) with a link back to this page. */
export function SlackPostAction({ testid, title, text: initial, link, standalone }: Props) {
  const [channel, setChannel] = useState({ id: '', label: '' });
  const fields = useFields({ text: initial });
  const text = fields.values.text.trim();
  return (
    <ActionForm
      standalone={standalone}
      testid={testid}
      title={title}
      disabled={channel.id ? null : 'Pick a channel.'}
      onSent={fields.reset}
      build={() =>
        channel.id && text
          ? { provider: 'slack', action: 'post_message', input: { channel: channel.id, text, ...(link ? { link } : {}) }, label: `Post to Slack ${channel.label}: ${text.slice(0, 80)}` }
          : channel.id
            ? 'Write a message.'
            : 'Pick a channel.'
      }
    >
      <ChoiceSelect kind="slack_channels" label="Channel" testid={`${testid}-channel`} value={channel.id} onChange={(id, label) => setChannel({ id, label })} />
      <label>
        Message
        <textarea data-testid={`${testid}-text`} value={fields.values.text} maxLength={4000} onInput={(e) => fields.set('text', e.currentTarget.value)} />
      </label>
    </ActionForm>
  );
}

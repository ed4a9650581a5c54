import { useState } from 'preact/hooks';
import { ActionForm } from './ActionForm';
import { ChoiceSelect } from './ChoiceSelect';

type Props = { testid: string; title: string; text: string; link?: { url: string; title: string }; standalone?: boolean };

/** Post to a Slack channel (picked from the bot's channels) with a link back to this page. */
export function SlackPostAction({ testid, title, text: initial, link, standalone }: Props) {
  const [channel, setChannel] = useState({ id: '', label: '' });
  const [text, setText] = useState(initial);
  return (
    <ActionForm
      standalone={standalone}
      testid={testid}
      title={title}
      disabled={channel.id ? null : 'Pick a channel.'}
      build={() =>
        channel.id && text.trim()
          ? { provider: 'slack', action: 'post_message', input: { channel: channel.id, text: text.trim(), ...(link ? { link } : {}) }, label: `Post to Slack ${channel.label}: ${text.trim().slice(0, 80)}` }
          : channel.id
            ? 'Write a message.'
            : 'Pick a channel.'
      }
    >
      <ChoiceSelect kind="slack_channels" label="Channel" testid={`${testid}-channel`} value={channel.id} onChange={(id, label) => setChannel({ id, label })} />
      <label>
        Message
        <textarea data-testid={`${testid}-text`} value={text} maxLength={4000} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
    </ActionForm>
  );
}

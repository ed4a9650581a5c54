import type { Connection } from '@@/shared/protocol';
import { slackChannelId, type FailureAlert } from '@@/shared/protocol/flows';
import { SelectInput, TextInput } from '../editor/inputs';
import { connectionLabel, connectionsFor } from './config-values';
import { ConnectProvider } from './ConnectProvider';

/** What the fields hold while edited: on or off, and the choice kept when it is turned off and on again. */
export type FailureAlertDraft = { on: boolean; connection: string; channel: string };

export const failureAlertDraft = (alert: FailureAlert | null): FailureAlertDraft => ({ on: alert !== null, connection: alert?.connection ?? '', channel: alert?.channel ?? '' });

/**
 * The alert to send for a draft (null: none), or the problems to show by field: a Slack
 * connection is chosen, the channel is an id like C0123ABCD (a `#name` is not: Slack's
 * API posts by id).
 */
export function failureAlertOf(draft: FailureAlertDraft): { alert: FailureAlert | null } | { errors: Partial<Record<'connection' | 'channel', string>> } {
  if (!draft.on) return { alert: null };
  const errors: Partial<Record<'connection' | 'channel', string>> = {};
  if (draft.connection === '') errors.connection = 'Choose the Slack connection that posts the alert.';
  const channel = slackChannelId.safeParse(draft.channel.trim());
  if (!channel.success) errors.channel = channel.error.issues[0]?.message ?? 'Use the Slack channel’s id.';
  if (Object.keys(errors).length > 0) return { errors };
  return { alert: { connection: draft.connection, channel: draft.channel.trim() } };
}

type Props = {
  draft: FailureAlertDraft;
  connections: Connection[];
  errors: Partial<Record<'connection' | 'channel', string>>;
  onChange: (draft: FailureAlertDraft) => void;
};

/** "Also post failed runs in Slack": a switch, then which Slack connection posts and in which channel. */
export function FailureAlertFields({ draft, connections, errors, onChange }: Props) {
  const slack = connectionsFor('slack', connections);
  const error = (field: 'connection' | 'channel') =>
    errors[field] && (
      <span class="field-error" data-testid={`failure-alert-${field}-error`}>
        {errors[field]}
      </span>
    );
  return (
    <fieldset class="settings-group stack" data-testid="failure-alert">
      <legend>When a run fails</legend>
      <label class="check">
        <input
          type="checkbox"
          data-testid="failure-alert-on"
          checked={draft.on}
          // The only Slack connection is the obvious choice.
          onChange={(e) => onChange({ ...draft, on: e.currentTarget.checked, connection: draft.connection || (slack.length === 1 ? slack[0]!.id : '') })}
        />
        Also post failed runs in Slack
      </label>
      {draft.on &&
        (slack.length === 0 ? (
          <div class="field">
            <p class="muted small" data-testid="failure-alert-no-slack">
              You have no Slack connection.
            </p>
            <ConnectProvider provider="slack" name="Slack" testid="failure-alert-connect" />
            {error('connection')}
          </div>
        ) : (
          <>
            <div>
              <SelectInput
                label="Slack connection"
                testid="failure-alert-connection"
                value={draft.connection}
                options={[{ value: '', label: 'Choose a Slack connection' }, ...slack.map((c) => ({ value: c.id, label: connectionLabel(c) }))]}
                onChange={(connection) => onChange({ ...draft, connection })}
              />
              {error('connection')}
            </div>
            <div>
              <TextInput
                label="Alert channel id"
                testid="failure-alert-channel"
                value={draft.channel}
                placeholder="C0123ABCD"
                hint="In Slack, the id is at the bottom of the channel’s details. Invite the Weft app to the channel."
                onInput={(channel) => onChange({ ...draft, channel })}
              />
              {error('channel')}
            </div>
          </>
        ))}
    </fieldset>
  );
}

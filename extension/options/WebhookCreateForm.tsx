import { useState } from 'preact/hooks';
import { createWebhookEndpointSchema, type CreatedWebhookEndpoint } from '@@/shared/protocol';
import { Button } from '@/components/Button';
import { Field } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { api } from '@/lib/api';
import { fieldErrors, maxLengthOf } from '@/lib/field-errors';
import { useFieldErrors } from '@/hooks/use-field-errors';

const nameMax = maxLengthOf(createWebhookEndpointSchema.shape.name);

/** Name and "signed"; the answer (with its one-time secret) goes up to the section. */
export function WebhookCreateForm({ onCreated }: { onCreated: (endpoint: CreatedWebhookEndpoint) => void }) {
  const [name, setName] = useState('');
  const [signed, setSigned] = useState(true);
  const { errors, setErrors, clear } = useFieldErrors();
  const create = useAction();

  async function submit(e: Event) {
    e.preventDefault();
    const checked = createWebhookEndpointSchema.safeParse({ name, signed });
    setErrors(checked.success ? {} : fieldErrors(checked.error));
    if (!checked.success) return;
    const created = await create.run(() => api.createWebhook(checked.data));
    if (!created) return;
    setName('');
    setSigned(true);
    onCreated(created);
  }

  return (
    <form class="stack create-form" onSubmit={submit} noValidate data-testid="webhook-form">
      <Field
        label="Name"
        testid="webhook-name"
        value={name}
        onInput={(v) => {
          setName(v);
          clear('name');
          create.setError(null);
        }}
        error={errors.name}
        maxLength={nameMax}
        required
        placeholder="Deploy notifications"
      />
      <label class="check">
        <input type="checkbox" data-testid="webhook-signed" checked={signed} onChange={(e) => setSigned(e.currentTarget.checked)} />
        <span>
          <span class="check-label">Sign requests (Standard Webhooks)</span>
          <span class="hint">Recommended: only senders that know the secret get through.</span>
        </span>
      </label>
      {create.error && (
        <Notice kind="error" testid="webhook-form-error">
          {create.error}
        </Notice>
      )}
      <div>
        <Button type="submit" variant="primary" testid="webhook-create" busy={create.busy}>
          Create webhook URL
        </Button>
      </div>
    </form>
  );
}

import { useState } from 'preact/hooks';
import type { ComposeDraft } from '@/lib/context-menus/draft';
import { ActionForm } from '@/overlays/core/ui/ActionForm';
import { contactDraft } from './prefill';

/** "Add as HubSpot contact": address and name from the selection. */
export function AddContactForm({ draft }: { draft: ComposeDraft }) {
  const initial = contactDraft(draft.selection);
  const [email, setEmail] = useState(initial.email);
  const [firstname, setFirst] = useState(initial.firstname);
  const [lastname, setLast] = useState(initial.lastname);
  const valid = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());
  return (
    <ActionForm
      standalone
      testid="compose-contact"
      title="Add contact"
      disabled={valid ? null : 'Enter an email address.'}
      build={() =>
        valid
          ? {
              provider: 'hubspot',
              action: 'create_contact',
              input: { email: email.trim(), ...(firstname.trim() ? { firstname: firstname.trim() } : {}), ...(lastname.trim() ? { lastname: lastname.trim() } : {}) },
              label: `Add ${email.trim()} to HubSpot`,
            }
          : 'Enter an email address.'
      }
    >
      <label>
        Email
        <input type="email" data-testid="compose-contact-email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      </label>
      <label>
        First name
        <input data-testid="compose-contact-first" value={firstname} maxLength={100} onInput={(e) => setFirst(e.currentTarget.value)} />
      </label>
      <label>
        Last name
        <input data-testid="compose-contact-last" value={lastname} maxLength={100} onInput={(e) => setLast(e.currentTarget.value)} />
      </label>
    </ActionForm>
  );
}

import type { ComposeDraft } from '@/lib/context-menus/draft';
import { ActionForm } from '@/overlays/core/ui/ActionForm';
import { useFields } from '@/overlays/core/ui/use-fields';
import { contactDraft } from './prefill';

/** "Add as HubSpot contact": address and name from the selection. */
export function AddContactForm({ draft }: { draft: ComposeDraft }) {
  const fields = useFields(contactDraft(draft.selection));
  const email = fields.values.email.trim();
  const firstname = fields.values.firstname.trim();
  const lastname = fields.values.lastname.trim();
  const valid = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
  return (
    <ActionForm
      standalone
      testid="compose-contact"
      title="Add contact"
      disabled={valid ? null : 'Enter an email address.'}
      onSent={fields.reset}
      build={() =>
        valid
          ? {
              provider: 'hubspot',
              action: 'create_contact',
              input: { email, ...(firstname ? { firstname } : {}), ...(lastname ? { lastname } : {}) },
              label: `Add ${email} to HubSpot`,
            }
          : 'Enter an email address.'
      }
    >
      <label>
        Email
        <input type="email" data-testid="compose-contact-email" value={fields.values.email} onInput={(e) => fields.set('email', e.currentTarget.value)} />
      </label>
      <label>
        First name
        <input data-testid="compose-contact-first" value={fields.values.firstname} maxLength={100} onInput={(e) => fields.set('firstname', e.currentTarget.value)} />
      </label>
      <label>
        Last name
        <input data-testid="compose-contact-last" value={fields.values.lastname} maxLength={100} onInput={(e) => fields.set('lastname', e.currentTarget.value)} />
      </label>
    </ActionForm>
  );
}

import type { CrmCompany, CrmContact } from '@/lib/context/types';
import { ActionForm } from '../../core/ui/ActionForm';
import { useFields } from '../../core/ui/use-fields';
import type { IssueLink } from '../issue-link';

/** "Log on HubSpot company": a note on the company (else the contact) with the issue's link. */
export function LogOnCompany({ issue, company, contact }: { issue: IssueLink; company: CrmCompany | null; contact: CrmContact | null }) {
  const target = company ? { object: 'companies' as const, id: company.id, name: company.name } : contact ? { object: 'contacts' as const, id: contact.id, name: contact.name } : null;
  const fields = useFields({ body: `${issue.kindName} ${issue.ref}: ${issue.title}\n${issue.url}` });
  const body = fields.values.body.trim();
  return (
    <ActionForm
      testid="weft-action-log-note"
      title={company || !contact ? 'Log on HubSpot company' : 'Log on HubSpot contact'}
      disabled={target ? null : 'No HubSpot company or contact found for this issue.'}
      onSent={fields.reset}
      build={() => (target && body ? { provider: 'hubspot', action: 'create_note', input: { object: target.object, id: target.id, body }, label: `Note on ${target.name}: ${issue.title}` } : target ? 'Write the note.' : 'No HubSpot company or contact found for this issue.')}
    >
      <label>
        Note
        <textarea data-testid="weft-action-log-note-body" value={fields.values.body} onInput={(e) => fields.set('body', e.currentTarget.value)} />
      </label>
    </ActionForm>
  );
}

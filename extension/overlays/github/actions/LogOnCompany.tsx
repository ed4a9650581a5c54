import { useState } from 'preact/hooks';
import type { CrmCompany, CrmContact } from '@/lib/context/types';
import { ActionForm } from '../../core/ui/ActionForm';
import type { IssueLink } from '../issue-link';

/** "Log on HubSpot company": a note on the company (else the contact) with the issue's link. */
export function LogOnCompany({ issue, company, contact }: { issue: IssueLink; company: CrmCompany | null; contact: CrmContact | null }) {
  const target = company ? { object: 'companies' as const, id: company.id, name: company.name } : contact ? { object: 'contacts' as const, id: contact.id, name: contact.name } : null;
  const [body, setBody] = useState(`${issue.kindName} ${issue.ref}: ${issue.title}\n${issue.url}`);
  return (
    <ActionForm
      testid="weft-action-log-note"
      title={company || !contact ? 'Log on HubSpot company' : 'Log on HubSpot contact'}
      disabled={target ? null : 'No HubSpot company or contact found for this issue.'}
      build={() => (target && body.trim() ? { provider: 'hubspot', action: 'create_note', input: { object: target.object, id: target.id, body: body.trim() }, label: `Note on ${target.name}: ${issue.title}` } : target ? 'Write the note.' : 'No HubSpot company or contact found for this issue.')}
    >
      <label>
        Note
        <textarea data-testid="weft-action-log-note-body" value={body} onInput={(e) => setBody(e.currentTarget.value)} />
      </label>
    </ActionForm>
  );
}

import type { CrmCompany, CrmContact } from '@/lib/context/types';
import { ActionForm } from '../../core/ui/ActionForm';
import { useFields } from '../../core/ui/use-fields';
import type { IssueLink } from '../issue-link';

/** "Create follow-up task" on the contact (else the company), due in a few days. */
export function FollowUpTask({ issue, company, contact }: { issue: IssueLink; company: CrmCompany | null; contact: CrmContact | null }) {
  const target = contact ? { object: 'contacts' as const, id: contact.id, name: contact.name } : company ? { object: 'companies' as const, id: company.id, name: company.name } : null;
  const fields = useFields({ subject: `Follow up: ${issue.title}`.slice(0, 256), days: '3' });
  const subject = fields.values.subject.trim();
  return (
    <ActionForm
      testid="weft-action-task"
      title="Create follow-up task"
      disabled={target ? null : 'No HubSpot contact or company found for this issue.'}
      onSent={fields.reset}
      build={() => {
        if (!target) return 'No HubSpot contact or company found for this issue.';
        if (!subject) return 'Give the task a subject.';
        const dueDate = new Date(Date.now() + Math.max(0, Number(fields.values.days) || 0) * 86_400_000).toISOString();
        return { provider: 'hubspot', action: 'create_task', input: { object: target.object, id: target.id, subject, body: issue.url, dueDate }, label: `Task for ${target.name}: ${subject}` };
      }}
    >
      <label>
        Subject
        <input data-testid="weft-action-task-subject" value={fields.values.subject} maxLength={256} onInput={(e) => fields.set('subject', e.currentTarget.value)} />
      </label>
      <label>
        Due in (days)
        <input type="number" min={0} max={365} data-testid="weft-action-task-days" value={fields.values.days} onInput={(e) => fields.set('days', e.currentTarget.value)} />
      </label>
    </ActionForm>
  );
}

import type { ActionDescriber } from '../../actions/activity-line';

const ref = (i: { repo: string; number: number }) => `${i.repo}#${i.number}`;

/** GitHub write actions as activity lines, linking the issue or comment. */
export const githubActivity: Record<string, ActionDescriber> = {
  create_issue: (i, r) => ({ text: `You created issue #${r.number} in ${i.repo}`, url: r.url }),
  comment: (i, r) => ({ text: `You commented on ${ref(i)}`, url: r.url }),
  add_labels: (i) => ({ text: `You labelled ${ref(i)}: ${i.labels.join(', ')}`, url: null }),
  remove_label: (i) => ({ text: `You removed the label ${i.label} from ${ref(i)}`, url: null }),
  assign: (i, r) => ({ text: `You assigned ${ref(i)} to ${i.assignees.join(', ')}`, url: r.url }),
  set_state: (i, r) => ({ text: `You ${i.state === 'closed' ? 'closed' : 'reopened'} ${ref(i)}`, url: r.url }),
};

/**
 * What the background tells the overlays about a page, and the pickers' choices. Plain
 * data (types only), so content scripts can import it without any library code.
 */

import type { IssueSummary } from '@@/shared/providers/actions/github-results';

/** A GitHub issue or pull request as the panels show it: the catalog's output of the issue actions. */
export type { IssueSummary };

export type HubspotObject = 'contacts' | 'companies' | 'deals';

export type CrmContact = { id: string; name: string; email: string | null; url: string | null };
export type CrmCompany = { id: string; name: string; domain: string | null; url: string | null };
export type CrmDeal = { id: string; name: string; stage: string; stageLabel: string; amount: string | null; open: boolean; url: string | null };

/** A GitHub issue page: the issue, and the CRM records of whoever it is about. */
export type GithubContext = {
  issue: IssueSummary | null;
  /** How the CRM records were found: an email on the page, or a company domain. */
  matchedBy: { kind: 'email' | 'domain'; value: string } | null;
  contact: CrmContact | null;
  company: CrmCompany | null;
  /** Open deals of the contact or company, with their stage names. */
  deals: CrmDeal[];
  portalId: string | null;
};

/** A repository home page: open issues that mention a known CRM contact or company. */
export type RepoContext = { issues: (IssueSummary & { customer: string })[] };

/** A HubSpot record page: the record, and the GitHub issues about this customer. */
export type HubspotContext = {
  object: HubspotObject;
  id: string;
  name: string;
  email: string | null;
  domain: string | null;
  /** Deal records only: the current stage id. */
  stage: string | null;
  issues: IssueSummary[];
};

export type Choice = { id: string; label: string; note?: string };
export type ChoiceKind = 'slack_channels' | 'github_repos' | 'deal_stages';

/** A cached answer and how old it is; `error` when the refresh failed (the data may still be the cached one). */
export type Fresh<T> = { data: T | null; fetchedAt: number | null; error: { code: string; message: string } | null };

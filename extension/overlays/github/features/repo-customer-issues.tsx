import { defineFeature } from '../../core/feature';
import { mountPanel } from '../../core/mount';
import { isRepoHome, parseRepo } from '../page';
import { RepoPanel } from '../RepoPanel';
import { findGithub, githubTheme } from '../selectors';

/** On a repository's home page: its open issues that are linked to CRM customers. */
export default defineFeature({
  id: 'repo-customer-issues',
  include: [isRepoHome],
  init(run) {
    const { owner, repo } = parseRepo(location)!;
    mountPanel(run, { anchor: findGithub('repoSidebar'), theme: githubTheme, content: () => <RepoPanel owner={owner} repo={repo} /> });
  },
});

// ## Test URLs
// https://github.com/octocat/hello-world
// https://github.com/refined-github/refined-github

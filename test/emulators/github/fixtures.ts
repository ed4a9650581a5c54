/** The signed-in GitHub user every OAuth grant and minted token belongs to, unless overridden. */
export interface GithubUser {
  login: string;
  id: number;
  nodeId: string;
  name: string | null;
  email: string | null;
  company: string | null;
  location: string | null;
  createdAt: string;
}

// GitHub's own mascot account, so fixtures look like docs examples rather than real people.
export const defaultGithubUser: GithubUser = {
  login: 'octocat',
  id: 583231,
  nodeId: 'MDQ6VXNlcjU4MzIzMQ==',
  name: 'The Octocat',
  email: 'octocat@github.com',
  company: '@github',
  location: 'San Francisco',
  createdAt: '2011-01-25T18:44:36Z',
};

/**
 * `GET /user` as GitHub returns it (the public-profile subset plus `email`). URLs point at
 * the emulator's own origin, which stands in for both github.com and api.github.com.
 */
export function userJson(user: GithubUser, origin: string): Record<string, unknown> {
  return {
    login: user.login,
    id: user.id,
    node_id: user.nodeId,
    avatar_url: `${origin}/avatars/u/${user.id}?v=4`,
    gravatar_id: '',
    url: `${origin}/users/${user.login}`,
    html_url: `${origin}/${user.login}`,
    repos_url: `${origin}/users/${user.login}/repos`,
    type: 'User',
    user_view_type: 'public',
    site_admin: false,
    name: user.name,
    company: user.company,
    blog: '',
    location: user.location,
    email: user.email,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 8,
    public_gists: 8,
    followers: 0,
    following: 0,
    created_at: user.createdAt,
    updated_at: user.createdAt,
  };
}

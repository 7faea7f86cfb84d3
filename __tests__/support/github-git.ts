// The Git side of the local GitHub REST server (github-server.ts), for finalize: git-pr: a
// content-addressed object store (blobs, trees, commits hashed like Git: the same content gives
// the same SHA, so an idempotent writer can be checked), branches, and the endpoints GitHub
// serves over it: GET /repos/{o}/{r} (default_branch), git refs (get, create, update with
// `force`; a non-fast-forward update without it is 422 as on GitHub), git blobs, trees (with
// base_tree, entries by sha or inline content, sha null deletes), commits, and the contents API
// (GET a file at a ref, base64 in 60-character lines as GitHub sends it). Trees are kept flat
// (path → blob), which is all the writer sees through these endpoints.
import { createHash } from 'node:crypto';

export interface GitAnswer {
  status: number;
  body: unknown;
}

interface Commit {
  tree: string;
  parents: string[];
  message: string;
}

interface Repo {
  defaultBranch: string;
  refs: Map<string, string>;
}

/** A JSON field as text ('' when it is not a string). */
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

export class FakeGit {
  readonly blobs = new Map<string, string>();
  readonly trees = new Map<string, Map<string, string>>();
  readonly commits = new Map<string, Commit>();
  readonly repos = new Map<string, Repo>();

  /** A repository with one commit on its default branch holding `files`; returns that commit's SHA. */
  seed(repo: string, defaultBranch: string, files: Record<string, string>): string {
    const tree = this.tree(new Map(Object.entries(files).map(([p, text]) => [p, this.blob(text)])));
    const commit = this.commit({ tree, parents: [], message: 'initial' });
    this.repos.set(repo, { defaultBranch, refs: new Map([[`heads/${defaultBranch}`, commit]]) });
    return commit;
  }

  /** A commit on `branch` (of the repository's history) changing `files`, as a person pushing would. */
  push(repo: string, branch: string, files: Record<string, string>, message = 'push'): string {
    const r = this.repo(repo);
    const head = r.refs.get(`heads/${branch}`);
    if (head === undefined) throw new Error(`no branch ${branch}`);
    const entries = new Map(this.trees.get(this.commits.get(head)?.tree ?? '') ?? []);
    for (const [p, text] of Object.entries(files)) entries.set(p, this.blob(text));
    const commit = this.commit({ tree: this.tree(entries), parents: [head], message });
    r.refs.set(`heads/${branch}`, commit);
    return commit;
  }

  /** The text of `path` at a branch or commit, or null. */
  fileAt(repo: string, ref: string, path: string): string | null {
    const sha = this.resolve(repo, ref);
    const blob = sha === null ? undefined : this.trees.get(this.commits.get(sha)?.tree ?? '')?.get(path);
    return blob === undefined ? null : (this.blobs.get(blob) ?? null);
  }

  branch(repo: string, name: string): string | null {
    return this.repos.get(repo)?.refs.get(`heads/${name}`) ?? null;
  }

  private repo(repo: string): Repo {
    const r = this.repos.get(repo);
    if (r === undefined) throw new Error(`no repository ${repo}`);
    return r;
  }

  private blob(text: string): string {
    const sha = sha1(`blob ${Buffer.byteLength(text)}\0${text}`);
    this.blobs.set(sha, text);
    return sha;
  }

  private tree(entries: Map<string, string>): string {
    const sorted = new Map([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const sha = sha1(`tree ${JSON.stringify([...sorted])}`);
    this.trees.set(sha, sorted);
    return sha;
  }

  private commit(commit: Commit): string {
    const sha = sha1(`commit ${JSON.stringify(commit)}`);
    this.commits.set(sha, commit);
    return sha;
  }

  /** A branch name or a commit SHA. */
  private resolve(repo: string, ref: string): string | null {
    const r = this.repos.get(repo);
    if (r === undefined) return null;
    return r.refs.get(`heads/${ref.replace(/^refs\/heads\//, '')}`) ?? (this.commits.has(ref) ? ref : null);
  }

  /** True when `ancestor` is `sha` or one of its ancestors. */
  private descends(sha: string, ancestor: string): boolean {
    const seen = new Set<string>();
    const queue = [sha];
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      if (s === ancestor) return true;
      if (seen.has(s)) continue;
      seen.add(s);
      queue.push(...(this.commits.get(s)?.parents ?? []));
    }
    return false;
  }

  /**
   * Answers a request under /repos/{owner}/{repo}, or null when the path is not a Git endpoint.
   * `write` is false for a read-only token: writes are then refused (403) as by GitHub.
   */
  handle(
    method: string,
    path: string,
    url: URL,
    body: Record<string, unknown>,
    write: boolean,
    apiUrl: string,
  ): GitAnswer | null {
    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
    if (m === null) return null;
    const name = `${m[1]}/${m[2]}`;
    const rest = m[3] ?? '';
    const r = this.repos.get(name);
    const notFound: GitAnswer = { status: 404, body: { message: 'Not Found' } };
    const readOnly: GitAnswer = { status: 403, body: { message: 'Resource not accessible by integration' } };
    const invalid = (message: string): GitAnswer => ({ status: 422, body: { message } });
    const isWrite = method !== 'GET';

    if (rest === '' && method === 'GET')
      return r === undefined
        ? notFound
        : { status: 200, body: { full_name: name, default_branch: r.defaultBranch } };
    if (!/^\/(git\/|contents\/)/.test(rest)) return null;
    if (r === undefined) return notFound;
    if (isWrite && !write) return readOnly;

    let g = /^\/git\/ref\/(heads\/.+)$/.exec(rest);
    if (g !== null && method === 'GET') {
      const sha = r.refs.get(decodeURIComponent(g[1] ?? ''));
      return sha === undefined
        ? notFound
        : { status: 200, body: { ref: `refs/${g[1]}`, object: { sha, type: 'commit' } } };
    }
    if (rest === '/git/refs' && method === 'POST') {
      const ref = str(body.ref);
      const sha = str(body.sha);
      if (!/^refs\/heads\/./.test(ref)) return invalid('Reference name must start with refs/heads/');
      if (!this.commits.has(sha)) return invalid('Object does not exist');
      const key = ref.slice('refs/'.length);
      if (r.refs.has(key)) return invalid('Reference already exists');
      r.refs.set(key, sha);
      return { status: 201, body: { ref, object: { sha, type: 'commit' } } };
    }
    g = /^\/git\/refs\/(heads\/.+)$/.exec(rest);
    if (g !== null && method === 'PATCH') {
      const key = decodeURIComponent(g[1] ?? '');
      const old = r.refs.get(key);
      const sha = str(body.sha);
      if (old === undefined) return invalid('Reference does not exist');
      if (!this.commits.has(sha)) return invalid('Object does not exist');
      if (body.force !== true && !this.descends(sha, old)) return invalid('Update is not a fast forward');
      r.refs.set(key, sha);
      return { status: 200, body: { ref: `refs/${key}`, object: { sha, type: 'commit' } } };
    }
    if (rest === '/git/blobs' && method === 'POST') {
      if (typeof body.content !== 'string') return invalid('Invalid request: content wasn\u2019t supplied.');
      const text =
        body.encoding === 'base64' ? Buffer.from(body.content, 'base64').toString('utf8') : body.content;
      const sha = this.blob(text);
      return { status: 201, body: { sha, url: `${apiUrl}/repos/${name}/git/blobs/${sha}` } };
    }
    if (rest === '/git/trees' && method === 'POST') {
      const base =
        typeof body.base_tree === 'string' ? this.trees.get(body.base_tree) : new Map<string, string>();
      if (base === undefined) return invalid('base_tree is not a valid tree');
      if (!Array.isArray(body.tree)) return invalid('Invalid tree info');
      const entries = new Map(base);
      for (const e of body.tree as Record<string, unknown>[]) {
        const p = str(e.path);
        if (e.sha === null) entries.delete(p);
        else if (typeof e.content === 'string') entries.set(p, this.blob(e.content));
        else if (typeof e.sha === 'string' && this.blobs.has(e.sha)) entries.set(p, e.sha);
        else return invalid(`tree.sha ${str(e.sha)} is not a valid blob`);
      }
      return { status: 201, body: { sha: this.tree(entries) } };
    }
    if (rest === '/git/commits' && method === 'POST') {
      const tree = str(body.tree);
      const parents = Array.isArray(body.parents) ? body.parents.map(String) : [];
      if (!this.trees.has(tree)) return invalid('Tree SHA does not exist');
      if (parents.some((p) => !this.commits.has(p))) return invalid('Parent SHA does not exist');
      const sha = this.commit({ tree, parents, message: str(body.message) });
      return { status: 201, body: { sha, tree: { sha: tree }, parents: parents.map((p) => ({ sha: p })) } };
    }
    g = /^\/git\/commits\/([0-9a-f]{40})$/.exec(rest);
    if (g !== null && method === 'GET') {
      const c = this.commits.get(g[1] ?? '');
      return c === undefined
        ? notFound
        : {
            status: 200,
            body: {
              sha: g[1],
              message: c.message,
              tree: { sha: c.tree },
              parents: c.parents.map((p) => ({ sha: p })),
            },
          };
    }
    g = /^\/git\/blobs\/([0-9a-f]{40})$/.exec(rest);
    if (g !== null && method === 'GET') {
      const text = this.blobs.get(g[1] ?? '');
      return text === undefined
        ? notFound
        : {
            status: 200,
            body: { sha: g[1], encoding: 'base64', content: Buffer.from(text).toString('base64') },
          };
    }
    g = /^\/contents\/(.+)$/.exec(rest);
    if (g !== null && method === 'GET') {
      const file = decodeURIComponent(g[1] ?? '');
      const ref = url.searchParams.get('ref') ?? r.defaultBranch;
      const commit = this.resolve(name, ref);
      if (commit === null) return { status: 404, body: { message: `No commit found for the ref ${ref}` } };
      const blob = this.trees.get(this.commits.get(commit)?.tree ?? '')?.get(file);
      if (blob === undefined) return notFound;
      const content = (
        Buffer.from(this.blobs.get(blob) ?? '', 'utf8')
          .toString('base64')
          .match(/.{1,60}/g) ?? []
      ).join('\n');
      return {
        status: 200,
        body: {
          type: 'file',
          encoding: 'base64',
          path: file,
          sha: blob,
          content: content === '' ? '' : `${content}\n`,
        },
      };
    }
    return null;
  }
}

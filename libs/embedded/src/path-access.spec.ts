import { describe, expect, it } from '@jest/globals';
import { findUnreachableFolder, type Account, type FolderStat } from './path-access.js';

const postgres: Account = { uid: 101, gid: 104, groups: [104, 103] };
const root = (mode: number): FolderStat => ({ mode: 0o040000 | mode, uid: 0, gid: 0 });

/** A file system of folders by path; anything not listed is a root-owned 755 folder. */
const fs =
  (folders: Record<string, FolderStat>) =>
  (folder: string): FolderStat =>
    folders[folder] ?? root(0o755);

describe('findUnreachableFolder', () => {
  it('passes a path whose every folder others may enter', () => {
    expect(findUnreachableFolder('/work/app/.data/postgres', postgres, fs({}))).toBeUndefined();
  });

  it('names the first folder only root may enter (a checkout under /root or mktemp -d)', () => {
    const stat = fs({ '/root': root(0o700), '/root/app': root(0o700) });
    expect(findUnreachableFolder('/root/app/.data/postgres', postgres, stat)).toEqual({
      path: '/root',
      mode: 0o040700,
    });
  });

  it('checks the folder itself too', () => {
    const stat = fs({ '/tmp/talentbridge-test-x': root(0o700) });
    expect(findUnreachableFolder('/tmp/talentbridge-test-x', postgres, stat)?.path).toBe(
      '/tmp/talentbridge-test-x',
    );
  });

  it('uses the owner bits for the owner and the group bits for a member of any of its groups', () => {
    const owned = fs({ '/srv/pg': { mode: 0o700, uid: 101, gid: 0 } });
    expect(findUnreachableFolder('/srv/pg', postgres, owned)).toBeUndefined();
    const viaGroup = fs({ '/srv/shared': { mode: 0o710, uid: 0, gid: 103 } });
    expect(findUnreachableFolder('/srv/shared', postgres, viaGroup)).toBeUndefined();
    const otherGroup = fs({ '/srv/closed': { mode: 0o710, uid: 0, gid: 50 } });
    expect(findUnreachableFolder('/srv/closed', postgres, otherGroup)?.path).toBe('/srv/closed');
    // "other" bits do not apply to the owner: a 007 folder is closed to its owner
    const odd = fs({ '/srv/odd': { mode: 0o007, uid: 101, gid: 0 } });
    expect(findUnreachableFolder('/srv/odd', postgres, odd)?.path).toBe('/srv/odd');
  });

  it('resolves relative paths against the working directory', () => {
    const seen: string[] = [];
    findUnreachableFolder('rel/dir', postgres, (f) => {
      seen.push(f);
      return root(0o755);
    });
    expect(seen[0]).toBe('/');
    expect(seen.at(-1)).toBe(`${process.cwd()}/rel/dir`);
  });
});

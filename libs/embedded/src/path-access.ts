import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A system account: its user id, primary group and every group it belongs to. */
export interface Account {
  uid: number;
  gid: number;
  groups: number[];
}

/** What the check needs to know of a folder. */
export interface FolderStat {
  mode: number;
  uid: number;
  gid: number;
}

/**
 * The first folder, from `/` down to `path` itself, that `account` may not enter (no search
 * permission for it as owner, group member or other), with its mode; undefined when it can reach
 * `path`. Permission bits only, as the kernel checks them for a non-root account.
 */
export function findUnreachableFolder(
  path: string,
  account: Account,
  stat: (folder: string) => FolderStat = statSync,
): { path: string; mode: number } | undefined {
  const folders: string[] = [];
  for (let d = resolve(path); ; d = dirname(d)) {
    folders.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const folder of folders) {
    const { mode, uid, gid } = stat(folder);
    const bit =
      uid === account.uid
        ? 0o100
        : gid === account.gid || account.groups.includes(gid)
          ? 0o010
          : 0o001;
    if ((mode & bit) === 0) return { path: folder, mode };
  }
  return undefined;
}

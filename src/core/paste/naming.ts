// Collision-free file names. A name is never reused and an existing file is never overwritten,
// also when two pastes run concurrently and both see "does not exist" for the same name.
import * as path from '../text/posixPath';

/**
 * Names handed out but perhaps not written yet (the paste's edit is applied later, or never).
 * Lives as long as the extension, so concurrent pastes see each other's choices.
 */
export class NameReservations {
  private readonly names = new Set<string>();

  has(p: string): boolean {
    return this.names.has(p);
  }

  /** Reserve `p`; false when it was already taken. */
  tryReserve(p: string): boolean {
    if (this.names.has(p)) {
      return false;
    }
    this.names.add(p);
    return true;
  }

  get size(): number {
    return this.names.size;
  }
}

/**
 * `p` if free, else `name-1.ext`, `name-2.ext`, … (VS Code's own convention for copied files).
 * The candidate is reserved *before* asking the disk: concurrent callers then never wait on
 * the same name, and a name found on disk stays reserved, which is harmless (it is taken).
 */
export async function uniqueName(
  p: string,
  exists: (path: string) => Promise<boolean>,
  reservations: NameReservations = new NameReservations(),
  maxTries = 10_000,
): Promise<string | undefined> {
  const ext = path.extname(p);
  const stem = ext ? p.slice(0, -ext.length) : p;
  for (let i = 0; i < maxTries; i++) {
    const candidate = i === 0 ? p : `${stem}-${i}${ext}`;
    if (reservations.tryReserve(candidate) && !(await exists(candidate))) {
      return candidate;
    }
  }
  return undefined;
}

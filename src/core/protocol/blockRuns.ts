// A list of body blocks said as runs of the list the other side holds: `start, count, shift` — `count`
// blocks of the held list from `start` on, each `data-line` moved by `shift` lines — or `start` -1 for
// the next `count` new blocks (sent with their HTML). Pressing Enter in the middle of a 480-block post
// is three runs (the blocks before, the new one, the blocks after moved by a line), not 480 ids. Both the
// render worker → host delta (src/worker/resultDelta.ts) and the host → webview patch
// (src/host/preview/previewBlocks.ts) say the order this way. Plain data, no DOM, no vscode.

/** The held list: each block's index by id, and each block's shift (BodyBlock.shift) by index. */
export interface HeldBlocks {
  at: ReadonlyMap<number, number>;
  shifts: readonly number[];
}

/** `next` as runs of `held` (see above), and the indices in `next` of the blocks `held` lacks, in order. */
export function blockRuns(held: HeldBlocks, next: ReadonlyArray<{ id: number; shift: number }>): { order: number[]; fresh: number[] } {
  const order: number[] = [];
  const fresh: number[] = [];
  const taken = new Set<number>();
  for (let k = 0; k < next.length; k++) {
    const b = next[k];
    let i = held.at.get(b.id);
    // A block twice in `next` (never from the renderer) is new the second time: each held block is kept once.
    if (i !== undefined && taken.has(i)) i = undefined;
    if (i !== undefined) taken.add(i);
    const start = i ?? -1;
    const shift = i === undefined ? 0 : b.shift - held.shifts[i];
    if (i === undefined) fresh.push(k);
    const n = order.length;
    // The run before goes on: the next new block, or the next held one moved as much.
    if (n && order[n - 3] === -1 && start === -1) order[n - 2]++;
    else if (n && start >= 0 && order[n - 3] >= 0 && order[n - 3] + order[n - 2] === start && order[n - 1] === shift) order[n - 2]++;
    else order.push(start, 1, shift);
  }
  return { order, fresh };
}

/**
 * Reads `order` against a held list of `held` blocks and `fresh` new ones, calling `run` for each run;
 * false when it is malformed (a held block out of range or kept twice, new blocks miscounted).
 */
export function readRuns(order: readonly number[], held: number, fresh: number, run: (start: number, count: number, shift: number) => void): boolean {
  if (order.length % 3) return false;
  const kept = new Uint8Array(held);
  let next = 0;
  for (let k = 0; k < order.length; k += 3) {
    const start = order[k];
    const count = order[k + 1];
    const shift = order[k + 2];
    if (!Number.isInteger(start) || !Number.isInteger(count) || !Number.isInteger(shift) || count < 1) return false;
    if (start === -1) {
      if (next + count > fresh) return false;
      next += count;
    } else {
      if (start < 0 || start + count > held) return false;
      for (let i = start; i < start + count; i++) {
        if (kept[i]) return false;
        kept[i] = 1;
      }
    }
  }
  if (next !== fresh) return false;
  for (let k = 0; k < order.length; k += 3) run(order[k], order[k + 1], order[k + 2]);
  return true;
}

/** What applying runs does to a list of nodes (the webview's DOM): held blocks by index, new ones by their index in the new blocks. */
export interface RunMoves {
  /** Held block `i` is in no run: it leaves. */
  remove(i: number): void;
  /** New block `k` goes before held block `before` (-1: after the last block). */
  insert(k: number, before: number): void;
  /** Held block `i` goes before held block `before` (-1: after the last block). */
  move(i: number, before: number): void;
  /** Held block `i`'s `data-line`s move by `by` lines. */
  shift(i: number, by: number): void;
}

/**
 * Applies `order` (against `held` blocks and `fresh` new ones) as the fewest moves: the held blocks in
 * no run are removed, a run already in place is neither moved nor walked (only shifted, when it moved
 * in the source), the others are moved before the first held block not placed yet. False (and no move)
 * when `order` is malformed.
 */
export function playRuns(order: readonly number[], held: number, fresh: number, moves: RunMoves): boolean {
  const runs: number[] = [];
  if (!readRuns(order, held, fresh, (start, count, shift) => runs.push(start, count, shift))) return false;
  const kept = new Uint8Array(held);
  for (let k = 0; k < runs.length; k += 3) if (runs[k] >= 0) kept.fill(1, runs[k], runs[k] + runs[k + 1]);
  for (let i = 0; i < held; i++) if (!kept[i]) moves.remove(i);
  // `cur`: the first held block neither removed nor placed yet — where the next blocks go before.
  const placed = new Uint8Array(held);
  let cur = 0;
  const advance = () => { while (cur < held && (!kept[cur] || placed[cur])) cur++; };
  advance();
  let next = 0;
  for (let k = 0; k < runs.length; k += 3) {
    const [start, count, shift] = [runs[k], runs[k + 1], runs[k + 2]];
    const before = cur < held ? cur : -1;
    if (start === -1) {
      for (let j = 0; j < count; j++) moves.insert(next++, before);
      continue;
    }
    const inPlace = start === cur;
    for (let i = start; i < start + count; i++) {
      placed[i] = 1;
      if (!inPlace) moves.move(i, before);
      if (shift) moves.shift(i, shift);
    }
    advance();
  }
  return true;
}

/** Comparison-graph diagnostics for Bradley–Terry: components and existence of the MLE. */

/**
 * Connected components of the undirected comparison graph (edge i–j when the pair has battles), by union–find.
 * Returns `comp[i]` (component id, ids in order of first system) and the member lists.
 */
export function components(n: number, pi: Int32Array, pj: Int32Array, tot: Float64Array): { comp: Int32Array; members: number[][] } {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let k = 0; k < pi.length; k++) {
    if (!(tot[k] > 0)) continue;
    const r1 = find(pi[k]);
    const r2 = find(pj[k]);
    if (r1 !== r2) parent[Math.max(r1, r2)] = Math.min(r1, r2);
  }
  const comp = new Int32Array(n);
  const idOf = new Map<number, number>();
  const members: number[][] = [];
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let id = idOf.get(r);
    if (id === undefined) {
      id = members.length;
      idOf.set(r, id);
      members.push([]);
    }
    comp[i] = id;
    members[id].push(i);
  }
  return { comp, members };
}

/**
 * Whether the BT MLE exists within each component. Zermelo (1929) / Ford (1957): the MLE exists (finite, unique up
 * to the shift) iff for every split of a component into two non-empty groups, each group has at least one (half-)win
 * against the other, i.e. the directed "i beat j" graph (edge i→j when W_ij > 0) is strongly connected. Checked by
 * forward and backward reachability from one member. Returns, per component, true when the MLE exists.
 */
export function mleExists(
  members: number[][],
  n: number,
  pi: Int32Array,
  pj: Int32Array,
  win: Float64Array,
  tot: Float64Array,
): boolean[] {
  const fwd: number[][] = Array.from({ length: n }, () => []);
  const bwd: number[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < pi.length; k++) {
    const i = pi[k];
    const j = pj[k];
    if (win[k] > 0) {
      fwd[i].push(j);
      bwd[j].push(i);
    }
    if (tot[k] - win[k] > 0) {
      fwd[j].push(i);
      bwd[i].push(j);
    }
  }
  const reachAll = (start: number, adj: number[][], size: number): boolean => {
    const seen = new Set<number>([start]);
    const stack = [start];
    while (stack.length) {
      const x = stack.pop()!;
      for (const y of adj[x]) if (!seen.has(y)) {
        seen.add(y);
        stack.push(y);
      }
    }
    return seen.size === size;
  };
  return members.map((m) => m.length === 1 || (reachAll(m[0], fwd, m.length) && reachAll(m[0], bwd, m.length)));
}

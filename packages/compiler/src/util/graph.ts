/**
 * Graph walks without recursion: plans may chain thousands of measures, deeper than the stack.
 */

/** Every node reachable from `roots`, each after the nodes it points to (cycles are cut where met). */
export function postOrder<T>(roots: Iterable<T>, edges: (node: T) => Iterable<T>): T[] {
  const out: T[] = [];
  const state = new Map<T, "open" | "done">();
  for (const root of roots) {
    if (state.has(root)) continue;
    const stack: { node: T; it: Iterator<T> }[] = [{ node: root, it: edges(root)[Symbol.iterator]() }];
    state.set(root, "open");
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const next = top.it.next();
      if (next.done) {
        stack.pop();
        state.set(top.node, "done");
        out.push(top.node);
      } else if (!state.has(next.value)) {
        state.set(next.value, "open");
        stack.push({ node: next.value, it: edges(next.value)[Symbol.iterator]() });
      }
    }
  }
  return out;
}

/** Strongly connected components (Tarjan, iterative), each listed once. */
export function stronglyConnected<T>(nodes: T[], edges: (node: T) => T[]): T[][] {
  let counter = 0;
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const onStack = new Set<T>();
  const stack: T[] = [];
  const result: T[][] = [];
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: T; next: number; succ: T[] }[] = [];
    const open = (n: T) => {
      index.set(n, counter);
      low.set(n, counter);
      counter++;
      stack.push(n);
      onStack.add(n);
      work.push({ node: n, next: 0, succ: edges(n) });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.next < frame.succ.length) {
        const w = frame.succ[frame.next++];
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      const v = frame.node;
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const scc: T[] = [];
        let w: T;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(w);
        } while (w !== v);
        result.push(scc);
      }
    }
  }
  return result;
}

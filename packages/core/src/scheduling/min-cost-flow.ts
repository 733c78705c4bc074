/**
 * Minimum-cost flow by successive shortest paths with node potentials (Dijkstra on reduced costs), pushing along every
 * shortest path found before the next search (primal-dual phases). Our own small
 * solver rather than a package: the auto-scheduler needs integer costs, negative arc costs, forced arcs and a result
 * that is identical run to run, and the npm candidates (min-cost-flow, munkres) are little used or assignment-only.
 *
 * Determinism: arcs are scanned in insertion order, the heap breaks distance ties by node number, and a label only
 * changes on a strict improvement, so the same network always yields the same flow.
 */

export interface FlowArc {
  from: number;
  to: number;
  capacity: number;
  /** Integer cost per unit; may be negative as long as the network has no negative cycle. */
  cost: number;
}

export interface FlowResult {
  /** Units sent from source to sink. */
  flow: number;
  /** Total cost of the flow. */
  cost: number;
  /** Flow on each input arc, in input order. */
  arcFlow: number[];
}

/**
 * 'max-flow': the cheapest among the largest flows. 'min-cost': the cheapest flow of any size (stops when the next
 * unit would not lower the cost), which with negative rewards expresses "place as much as pays".
 */
export type FlowGoal = 'max-flow' | 'min-cost';

class MinHeap {
  private keys: number[] = [];
  private nodes: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(key: number, node: number): void {
    const keys = this.keys;
    const nodes = this.nodes;
    let i = keys.length;
    keys.push(key);
    nodes.push(node);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! < key || (keys[parent] === key && nodes[parent]! <= node)) break;
      keys[i] = keys[parent]!;
      nodes[i] = nodes[parent]!;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }
  /** Removes the smallest entry and returns its node; its key is left in `lastKey`. */
  pop(): number {
    const keys = this.keys;
    const nodes = this.nodes;
    const topNode = nodes[0]!;
    this.lastKey = keys[0]!;
    const key = keys.pop()!;
    const node = nodes.pop()!;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        let child = left;
        if (right < n && (keys[right]! < keys[left]! || (keys[right] === keys[left] && nodes[right]! < nodes[left]!))) {
          child = right;
        }
        if (key < keys[child]! || (key === keys[child] && node <= nodes[child]!)) break;
        keys[i] = keys[child]!;
        nodes[i] = nodes[child]!;
        i = child;
      }
      keys[i] = key;
      nodes[i] = node;
    }
    return topNode;
  }
  lastKey = 0;
}

/** Sends flow from `source` to `sink` at least cost; throws RangeError on a negative cycle or bad arc. */
export function minCostFlow(nodeCount: number, arcs: readonly FlowArc[], source: number, sink: number, goal: FlowGoal): FlowResult {
  const m = arcs.length * 2;
  const to = new Int32Array(m);
  const next = new Int32Array(m);
  const head = new Int32Array(nodeCount).fill(-1);
  const residual = new Float64Array(m);
  const cost = new Float64Array(m);
  arcs.forEach((arc, i) => {
    if (arc.from < 0 || arc.from >= nodeCount || arc.to < 0 || arc.to >= nodeCount || arc.capacity < 0) {
      throw new RangeError(`Arc ${i} is malformed`);
    }
    // Residual pairs are stored at 2i and 2i+1 so that e ^ 1 is the reverse of e. Adjacency lists are built by
    // prepending, so walk them reversed: add arcs back to front to keep the scan in input order.
    to[2 * i] = arc.to;
    residual[2 * i] = arc.capacity;
    cost[2 * i] = arc.cost;
    to[2 * i + 1] = arc.from;
    residual[2 * i + 1] = 0;
    cost[2 * i + 1] = -arc.cost;
  });
  for (let i = arcs.length - 1; i >= 0; i--) {
    const arc = arcs[i]!;
    next[2 * i] = head[arc.from]!;
    head[arc.from] = 2 * i;
    next[2 * i + 1] = head[arc.to]!;
    head[arc.to] = 2 * i + 1;
  }

  const potential = initialPotentials(nodeCount, head, next, to, residual, cost, source);
  const dist = new Float64Array(nodeCount);
  const via = new Int32Array(nodeCount);
  const done = new Uint8Array(nodeCount);
  const current = new Int32Array(nodeCount);
  const onPath = new Uint8Array(nodeCount);
  let flow = 0;
  let total = 0;
  const pushAlongShortest = (u: number, limit: number): number => {
    if (u === sink) return limit;
    onPath[u] = 1;
    let pushed = 0;
    for (; current[u] !== -1; current[u] = next[current[u]!]!) {
      const e = current[u]!;
      const v = to[e]!;
      if (residual[e]! <= 0 || onPath[v] || cost[e]! + potential[u]! - potential[v]! !== 0) continue;
      const sent = pushAlongShortest(v, Math.min(limit - pushed, residual[e]!));
      if (sent > 0) {
        residual[e]! -= sent;
        residual[e ^ 1]! += sent;
        pushed += sent;
        if (pushed === limit) break;
      }
    }
    onPath[u] = 0;
    return pushed;
  };
  for (;;) {
    dist.fill(Infinity);
    via.fill(-1);
    done.fill(0);
    dist[source] = 0;
    const heap = new MinHeap();
    heap.push(0, source);
    while (heap.size > 0) {
      const u = heap.pop();
      if (done[u] || heap.lastKey > dist[u]!) continue;
      done[u] = 1;
      for (let e = head[u]!; e !== -1; e = next[e]!) {
        if (residual[e]! <= 0) continue;
        const v = to[e]!;
        const nd = dist[u]! + cost[e]! + potential[u]! - potential[v]!;
        if (nd < dist[v]!) {
          dist[v] = nd;
          via[v] = e;
          heap.push(nd, v);
        }
      }
    }
    if (dist[sink] === Infinity) break;
    for (let v = 0; v < nodeCount; v++) if (dist[v]! < Infinity) potential[v]! += dist[v]!;
    // Every shortest path now has reduced cost zero on each arc and the same true cost.
    const pathCost = potential[sink]! - potential[source]!;
    if (goal === 'min-cost' && pathCost >= 0) break;
    // Push as much as the shortest paths carry before the next Dijkstra (primal-dual phases): far fewer searches
    // than one per unit. Current-arc pointers skip arcs already found useless in this phase.
    current.set(head);
    for (;;) {
      const pushed = pushAlongShortest(source, Infinity);
      if (pushed === 0) break;
      flow += pushed;
      total += pushed * pathCost;
    }
  }
  return { flow, cost: total, arcFlow: arcs.map((_, i) => residual[2 * i + 1]!) };
}

/** Shortest distances from the source by Bellman–Ford (queue-based), so Dijkstra can start with negative arc costs. */
function initialPotentials(
  nodeCount: number,
  head: Int32Array,
  next: Int32Array,
  to: Int32Array,
  residual: Float64Array,
  cost: Float64Array,
  source: number,
): Float64Array {
  const dist = new Float64Array(nodeCount).fill(Infinity);
  const queued = new Uint8Array(nodeCount);
  // Arcs on the best path found so far; a path of nodeCount arcs repeats a node, which only a negative cycle pays for.
  const pathArcs = new Int32Array(nodeCount);
  dist[source] = 0;
  const queue = [source];
  queued[source] = 1;
  for (let q = 0; q < queue.length; q++) {
    const u = queue[q]!;
    queued[u] = 0;
    for (let e = head[u]!; e !== -1; e = next[e]!) {
      if (residual[e]! <= 0) continue;
      const v = to[e]!;
      const nd = dist[u]! + cost[e]!;
      if (nd < dist[v]!) {
        dist[v] = nd;
        pathArcs[v] = pathArcs[u]! + 1;
        if (pathArcs[v] >= nodeCount) throw new RangeError('The network has a negative-cost cycle');
        if (!queued[v]) {
          queued[v] = 1;
          queue.push(v);
        }
      }
    }
  }
  // Nodes the source cannot reach never become reachable (augmenting only reverses arcs between reachable nodes), so
  // their potential does not matter.
  for (let v = 0; v < nodeCount; v++) if (dist[v] === Infinity) dist[v] = 0;
  return dist;
}

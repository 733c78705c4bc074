/**
 * Minimum-cost flow by successive shortest paths with node potentials (Dijkstra on reduced costs backwards from the
 * sink, stopped past the source's distance), pushing along every shortest path found before the next search
 * (primal-dual phases). Our own small solver rather than a package: the auto-scheduler needs integer costs, negative arc costs, forced arcs and a result
 * that is identical run to run, and the npm candidates (min-cost-flow, munkres) are little used or assignment-only.
 *
 * Determinism: arcs are scanned in insertion order, the queue breaks distance ties in a fixed way (last in first out
 * for whole-number costs, by node number otherwise), and a label only changes on a strict improvement, so the same
 * network always yields the same flow.
 */

export interface FlowArc {
  from: number;
  to: number;
  capacity: number;
  /** Integer cost per unit; may be negative as long as the network has no negative cycle. */
  cost: number;
}

/** Arcs as parallel columns (from, to, capacity, cost), for large networks built without an object per arc. */
export interface FlowColumns {
  from: ArrayLike<number>;
  to: ArrayLike<number>;
  capacity: ArrayLike<number>;
  cost: ArrayLike<number>;
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
  clear(): void {
    this.keys.length = 0;
    this.nodes.length = 0;
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

/** Distances below this go to buckets; the rest (rare: far beyond the target) to a heap. */
const BUCKETS = 1024;

/**
 * Dial's bucket queue for whole-number keys that never fall below the last one taken (Dijkstra's labels on reduced
 * costs): a push is O(1) and a pop moves a cursor forward, against O(log n) for the heap. The searches stop at the
 * source (or the nearest shortfall), whose distance is a few cost steps, so nearly every key lands in a bucket. Ties are
 * taken last in, first out; that changes which nodes at the target's own distance are settled, never the potentials,
 * since every node not settled closer than the target (source or shortfall) gets its distance.
 */
class BucketQueue {
  private readonly bucketHead = new Int32Array(BUCKETS).fill(-1);
  private entryNext: Int32Array;
  private entryNode: Int32Array;
  private entryKey: Float64Array;
  private entries = 0;
  private cursor = 0;
  private readonly overflow = new MinHeap();
  size = 0;
  lastKey = 0;

  constructor(capacity: number) {
    this.entryNext = new Int32Array(capacity);
    this.entryNode = new Int32Array(capacity);
    this.entryKey = new Float64Array(capacity);
  }

  clear(): void {
    this.bucketHead.fill(-1);
    this.entries = 0;
    this.cursor = 0;
    this.size = 0;
    this.overflow.clear();
  }

  push(key: number, node: number): void {
    this.size++;
    if (key >= BUCKETS) {
      this.overflow.push(key, node);
      return;
    }
    if (this.entries === this.entryNode.length) this.grow();
    const i = this.entries++;
    this.entryNode[i] = node;
    this.entryKey[i] = key;
    this.entryNext[i] = this.bucketHead[key]!;
    this.bucketHead[key] = i;
  }

  pop(): number {
    this.size--;
    const heads = this.bucketHead;
    let c = this.cursor;
    while (c < BUCKETS && heads[c] === -1) c++;
    this.cursor = c;
    if (c === BUCKETS) {
      const node = this.overflow.pop();
      this.lastKey = this.overflow.lastKey;
      return node;
    }
    const i = heads[c]!;
    heads[c] = this.entryNext[i]!;
    this.lastKey = this.entryKey[i]!;
    return this.entryNode[i]!;
  }

  private grow(): void {
    const size = this.entryNode.length * 2 + 16;
    const next = new Int32Array(size);
    const node = new Int32Array(size);
    const key = new Float64Array(size);
    next.set(this.entryNext);
    node.set(this.entryNode);
    key.set(this.entryKey);
    this.entryNext = next;
    this.entryNode = node;
    this.entryKey = key;
  }
}

/** A solved network kept for warm starts: residual capacities (with the return arc) and potentials proving it optimal. */
export interface FlowRoot {
  readonly residual: Float64Array;
  readonly potential: Float64Array;
}

/** Capacity of the return arc sink → source that turns a 'min-cost' flow into a circulation. */
const RETURN_CAPACITY = 2 ** 40;

/**
 * A network built once and solved many times with some arcs closed (capacity 0): the auto-scheduler's branch and bound
 * re-solves the same component with different arcs forbidden, so the adjacency lists are built once, the network is
 * solved from scratch once (`solve`), and every side of the search starts from that optimum (`resolve`).
 *
 * Warm start. With a return arc sink → source (cost 0, unbounded), a 'min-cost' optimum is an optimal circulation:
 * potentials exist under which every residual arc has reduced cost ≥ 0. Closing arcs only removes residual arcs, so
 * those potentials stay valid; an arc that carried flow leaves one unit too many at its tail and one too few at its
 * head. Successive shortest paths from those surpluses to those shortfalls (Dijkstra on reduced costs, all
 * surpluses at once) keep the potentials valid, so the balanced result is optimal for the closed network. Each
 * closed unit costs about one partial search instead of a whole solve.
 */
export class FlowSolver {
  readonly nodeCount: number;
  readonly arcCount: number;
  private readonly to: Int32Array;
  private readonly next: Int32Array;
  private readonly head: Int32Array;
  private readonly capacity: Float64Array;
  private readonly cost: Float64Array;
  private readonly residual: Float64Array;
  private readonly potential: Float64Array;
  private readonly dist: Float64Array;
  private readonly done: Uint8Array;
  private readonly current: Int32Array;
  private readonly onPath: Uint8Array;
  private readonly excess: Float64Array;
  /** Nodes the source reaches in the network as `solve` starts (the only ones that can ever carry flow). */
  private readonly fromSource: Uint8Array;
  /** Bucket queue when every cost is a whole number (labels are then whole numbers too), else a binary heap. */
  private readonly heap: MinHeap | BucketQueue;
  /** Dijkstra searches run by this solver, for profiling. */
  searches = 0;

  constructor(nodeCount: number, input: readonly FlowArc[] | FlowColumns) {
    const arcs: FlowColumns =
      'from' in input
        ? input
        : { from: input.map((a) => a.from), to: input.map((a) => a.to), capacity: input.map((a) => a.capacity), cost: input.map((a) => a.cost) };
    this.nodeCount = nodeCount;
    this.arcCount = arcs.cost.length;
    // One more pair for the return arc, set up by `root`.
    const m = (this.arcCount + 1) * 2;
    this.to = new Int32Array(m);
    this.next = new Int32Array(m);
    this.head = new Int32Array(nodeCount).fill(-1);
    this.capacity = new Float64Array(this.arcCount + 1);
    this.residual = new Float64Array(m);
    this.cost = new Float64Array(m);
    for (let i = 0; i < this.arcCount; i++) {
      const from = arcs.from[i]!;
      const to = arcs.to[i]!;
      if (!(from >= 0 && from < nodeCount && to >= 0 && to < nodeCount && arcs.capacity[i]! >= 0)) {
        throw new RangeError(`Arc ${i} is malformed`);
      }
      // Residual pairs are stored at 2i and 2i+1 so that e ^ 1 is the reverse of e.
      this.to[2 * i] = to;
      this.to[2 * i + 1] = from;
      this.capacity[i] = arcs.capacity[i]!;
      this.cost[2 * i] = arcs.cost[i]!;
      this.cost[2 * i + 1] = -arcs.cost[i]!;
    }
    // Adjacency lists are built by prepending, so add arcs back to front to keep each scan in input order.
    for (let i = this.arcCount - 1; i >= 0; i--) {
      const from = arcs.from[i]!;
      const to = arcs.to[i]!;
      this.next[2 * i] = this.head[from]!;
      this.head[from] = 2 * i;
      this.next[2 * i + 1] = this.head[to]!;
      this.head[to] = 2 * i + 1;
    }
    let integral = true;
    for (let i = 0; i < this.arcCount && integral; i++) integral = Number.isSafeInteger(arcs.cost[i]!);
    // A search pushes a node once per improvement of its label: start at one entry per node and grow when needed.
    this.heap = integral ? new BucketQueue(nodeCount + 16) : new MinHeap();
    this.potential = new Float64Array(nodeCount);
    this.dist = new Float64Array(nodeCount);
    this.done = new Uint8Array(nodeCount);
    this.current = new Int32Array(nodeCount);
    this.onPath = new Uint8Array(nodeCount);
    this.excess = new Float64Array(nodeCount);
    this.fromSource = new Uint8Array(nodeCount);
  }

  /**
   * Solves from scratch with the arcs in `closed` (indices into the input arcs) given capacity 0; returns the flow, its
   * cost and the flow on every input arc.
   */
  solve(source: number, sink: number, goal: FlowGoal, closed: Iterable<number> = []): { flow: number; cost: number; arcFlow: Float64Array } {
    const { head, next, to, residual, cost, potential, dist, done, current, onPath, heap, nodeCount } = this;
    for (let i = 0; i < this.arcCount; i++) {
      residual[2 * i] = this.capacity[i]!;
      residual[2 * i + 1] = 0;
    }
    const back = 2 * this.arcCount;
    residual[back] = 0;
    residual[back + 1] = 0;
    for (const i of closed) residual[2 * i] = 0;
    potential.set(initialPotentials(nodeCount, head, next, to, residual, cost, source, this.fromSource));
    let flow = 0;
    let total = 0;
    const pushAlongShortest = (u: number, limit: number): number => {
      if (u === sink) return limit;
      onPath[u] = 1;
      let pushed = 0;
      const pu = potential[u]!;
      // Only this call moves u's current arc (u is on the path meanwhile, so nothing below enters it): keep it local.
      // A node whose arcs are used up (current −1) has nothing left to give in this phase.
      let e = current[u]!;
      for (; e !== -1; e = next[e]!) {
        if (residual[e]! <= 0) continue;
        const v = to[e]!;
        if (!done[v] || onPath[v] || current[v] === -1 || cost[e]! + pu - potential[v]! !== 0) continue;
        const sent = pushAlongShortest(v, Math.min(limit - pushed, residual[e]!));
        if (sent > 0) {
          residual[e]! -= sent;
          residual[e ^ 1]! += sent;
          pushed += sent;
          if (pushed === limit) break;
        }
      }
      current[u] = e;
      onPath[u] = 0;
      return pushed;
    };
    for (;;) {
      this.searches++;
      dist.fill(Infinity);
      done.fill(0);
      dist[sink] = 0;
      heap.clear();
      heap.push(0, sink);
      // Dijkstra on reduced costs backwards from the sink (distances to it, over residual arcs reversed), stopped once
      // every node as close as the source is settled: the nodes that reach the sink cheaply are fewer than the source's
      // forward frontier, which spreads over most requests of a large week (a quarter fewer arc scans at 2,000
      // participants). A node not settled is farther from the sink than the source, and giving it the source's
      // distance keeps every reduced cost ≥ 0. Nodes the source cannot reach are never entered: their potentials prove
      // nothing and they never carry flow.
      // The settled nodes are then exactly those that reach the sink by zero-reduced-cost arcs (each by its search
      // tree; an unsettled node would need a tight arc into the settled ones, making it as close as the source), so
      // the DFS below enters only them and never walks into the rest of the admissible graph. Settling the ties at the
      // source's distance is what lets one phase push along all of them (stopping at the source took 6× the phases).
      let reached = false;
      let sourceDist = Infinity;
      while (heap.size > 0) {
        const v = heap.pop();
        if (heap.lastKey > sourceDist) break;
        if (done[v] || heap.lastKey > dist[v]!) continue;
        done[v] = 1;
        if (v === source) {
          reached = true;
          sourceDist = dist[v]!;
        }
        this.relaxBackward(v);
      }
      if (!reached) break;
      for (let v = 0; v < nodeCount; v++) potential[v]! -= done[v] ? dist[v]! : sourceDist;
      // Every shortest path now has reduced cost zero on each arc and the same true cost.
      const pathCost = potential[sink]! - potential[source]!;
      if (goal === 'min-cost' && pathCost >= 0) break;
      // Push as much as the shortest paths carry before the next search (primal-dual phases): far fewer searches than
      // one per unit. Current-arc pointers skip arcs already found useless in this phase.
      current.set(head);
      for (;;) {
        const pushed = pushAlongShortest(source, Infinity);
        if (pushed === 0) break;
        flow += pushed;
        total += pushed * pathCost;
      }
    }
    return { flow, cost: total, arcFlow: this.arcFlows() };
  }

  /**
   * After a 'min-cost' `solve` from `source` to `sink`: that optimum as a circulation (return arc carrying the flow) with
   * potentials proving it, for `resolve`. The potentials are shortest distances in the residual network from a
   * virtual node joined to every node (Bellman–Ford): the residual network of an optimum has no negative cycle.
   */
  root(source: number, sink: number): FlowRoot {
    const { head, next, to, residual, cost, nodeCount } = this;
    const back = 2 * this.arcCount;
    let flow = 0;
    for (let e = head[source]!; e !== -1; e = next[e]!) if (e % 2 === 0) flow += residual[e + 1]!;
    for (let e = head[source]!; e !== -1; e = next[e]!) if (e % 2 === 1) flow -= residual[e]!;
    to[back] = source;
    to[back + 1] = sink;
    cost[back] = 0;
    cost[back + 1] = 0;
    if (head[sink] !== back) {
      next[back] = head[sink]!;
      head[sink] = back;
      next[back + 1] = head[source]!;
      head[source] = back + 1;
    }
    this.capacity[this.arcCount] = RETURN_CAPACITY;
    residual[back] = RETURN_CAPACITY - flow;
    residual[back + 1] = flow;
    // Starting from the solve's own potentials (already feasible for nearly every residual arc: all but the return arc
    // and arcs out of nodes the source never reached) leaves few labels to correct; any fixpoint is a valid potential.
    const dist = this.potential.slice();
    const queued = new Uint8Array(nodeCount).fill(1);
    const queue = Array.from({ length: nodeCount }, (_, v) => v);
    let steps = 0;
    for (let q = 0; q < queue.length; q++) {
      const u = queue[q]!;
      queued[u] = 0;
      for (let e = head[u]!; e !== -1; e = next[e]!) {
        if (residual[e]! <= 0) continue;
        const v = to[e]!;
        const nd = dist[u]! + cost[e]!;
        if (nd < dist[v]!) {
          dist[v] = nd;
          if (!queued[v]) {
            queued[v] = 1;
            queue.push(v);
          }
        }
      }
      if (++steps > nodeCount * nodeCount + 10) throw new RangeError('The flow is not optimal: its residual network has a negative cycle');
    }
    return { residual: residual.slice(), potential: dist };
  }

  /**
   * The optimum with the arcs in `closed` (indices into the input arcs) given capacity 0, warm-started from `root`:
   * cost, flow on every input arc, and the number of searches it took.
   */
  resolve(root: FlowRoot, closed: Iterable<number>): { cost: number; arcFlow: Float64Array } {
    const { head, next, to, residual, cost, potential, dist, done, current, onPath, heap, excess, nodeCount } = this;
    residual.set(root.residual);
    potential.set(root.potential);
    excess.fill(0);
    let unbalanced = 0;
    for (const i of closed) {
      const carried = residual[2 * i + 1]!;
      residual[2 * i] = 0;
      if (carried > 0) {
        residual[2 * i + 1] = 0;
        excess[to[2 * i + 1]!]! += carried;
        excess[to[2 * i]!]! -= carried;
      }
    }
    // Closures along one path cancel at the nodes between them: count what is left.
    for (let v = 0; v < nodeCount; v++) if (excess[v]! > 0) unbalanced += excess[v]!;
    const pushToShortfall = (u: number, limit: number): number => {
      let pushed = 0;
      if (excess[u]! < 0) {
        pushed = Math.min(limit, -excess[u]!);
        excess[u]! += pushed;
        if (pushed === limit) return pushed;
      }
      onPath[u] = 1;
      for (; current[u] !== -1; current[u] = next[current[u]!]!) {
        const e = current[u]!;
        const v = to[e]!;
        if (residual[e]! <= 0 || onPath[v] || cost[e]! + potential[u]! - potential[v]! !== 0) continue;
        const sent = pushToShortfall(v, Math.min(limit - pushed, residual[e]!));
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
    while (unbalanced > 0) {
      this.searches++;
      dist.fill(Infinity);
      done.fill(0);
      heap.clear();
      for (let v = 0; v < nodeCount; v++) {
        if (excess[v]! > 0) {
          dist[v] = 0;
          heap.push(0, v);
        }
      }
      // From every surplus at once, until the nearest shortfall is settled (as in `solve`, the rest take its distance).
      let reach = Infinity;
      while (heap.size > 0) {
        const u = heap.pop();
        if (done[u] || heap.lastKey > dist[u]!) continue;
        done[u] = 1;
        if (excess[u]! < 0) {
          reach = dist[u]!;
          break;
        }
        this.relax(u);
      }
      if (reach === Infinity) throw new RangeError('A surplus cannot reach any shortfall');
      for (let v = 0; v < nodeCount; v++) potential[v]! += done[v] ? dist[v]! : reach;
      current.set(head);
      for (let v = 0; v < nodeCount; v++) {
        if (excess[v]! <= 0) continue;
        const sent = pushToShortfall(v, excess[v]!);
        excess[v]! -= sent;
        unbalanced -= sent;
      }
    }
    let total = 0;
    for (let i = 0; i < this.arcCount; i++) total += residual[2 * i + 1]! * cost[2 * i]!;
    return { cost: total, arcFlow: this.arcFlows() };
  }

  /** `relax` on the reversed residual network: labels are distances to the sink, over arcs into `v`. */
  private relaxBackward(v: number): void {
    const { head, next, to, residual, cost, potential, dist, done, heap, fromSource } = this;
    const dv = dist[v]! - potential[v]!;
    for (let e = head[v]!; e !== -1; e = next[e]!) {
      // e leaves v; its pair e ^ 1 is the residual arc from u into v.
      const into = e ^ 1;
      if (residual[into]! <= 0) continue;
      const u = to[e]!;
      if (done[u] || !fromSource[u]) continue;
      const nd = dv + cost[into]! + potential[u]!;
      if (nd < dist[u]!) {
        dist[u] = nd;
        heap.push(nd, u);
      }
    }
  }

  private relax(u: number): void {
    const { head, next, to, residual, cost, potential, dist, done, heap } = this;
    const du = dist[u]! + potential[u]!;
    for (let e = head[u]!; e !== -1; e = next[e]!) {
      if (residual[e]! <= 0) continue;
      const v = to[e]!;
      if (done[v]) continue;
      const nd = du + cost[e]! - potential[v]!;
      if (nd < dist[v]!) {
        dist[v] = nd;
        heap.push(nd, v);
      }
    }
  }

  private arcFlows(): Float64Array {
    const arcFlow = new Float64Array(this.arcCount);
    for (let i = 0; i < this.arcCount; i++) arcFlow[i] = this.residual[2 * i + 1]!;
    return arcFlow;
  }
}

/** Sends flow from `source` to `sink` at least cost; throws RangeError on a negative cycle or bad arc. */
export function minCostFlow(nodeCount: number, arcs: readonly FlowArc[], source: number, sink: number, goal: FlowGoal): FlowResult {
  const result = new FlowSolver(nodeCount, arcs).solve(source, sink, goal);
  return { flow: result.flow, cost: result.cost, arcFlow: Array.from(result.arcFlow) };
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
  reached: Uint8Array,
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
  for (let v = 0; v < nodeCount; v++) {
    reached[v] = dist[v] === Infinity ? 0 : 1;
    if (dist[v] === Infinity) dist[v] = 0;
  }
  return dist;
}

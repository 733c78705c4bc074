import { describe, expect, it } from 'vitest';
import { FlowSolver, minCostFlow, type FlowArc } from './min-cost-flow.ts';
import { randomInt, seededRandom } from '../seeded-random.ts';

/** Every integer flow of a tiny network, by enumeration: the reference the solver must match. */
function bruteForce(nodeCount: number, arcs: FlowArc[], source: number, sink: number) {
  let bestMax = { flow: -1, cost: Infinity };
  let bestAny = Infinity;
  const flows = new Array<number>(arcs.length).fill(0);
  const visit = (i: number) => {
    if (i === arcs.length) {
      const balance = new Array<number>(nodeCount).fill(0);
      arcs.forEach((a, k) => {
        balance[a.from]! -= flows[k]!;
        balance[a.to]! += flows[k]!;
      });
      if (balance.some((b, v) => v !== source && v !== sink && b !== 0)) return;
      const value = balance[sink]!;
      const cost = arcs.reduce((sum, a, k) => sum + a.cost * flows[k]!, 0);
      if (value > bestMax.flow || (value === bestMax.flow && cost < bestMax.cost)) bestMax = { flow: value, cost };
      bestAny = Math.min(bestAny, cost);
      return;
    }
    for (let f = 0; f <= arcs[i]!.capacity; f++) {
      flows[i] = f;
      visit(i + 1);
    }
  };
  visit(0);
  return { bestMax, bestAny };
}

describe('minCostFlow', () => {
  it('prefers the cheap path and then fills the dear one', () => {
    // 0 → 1 → 3 costs 2, 0 → 2 → 3 costs 5, each path carries 1.
    const arcs = [
      { from: 0, to: 1, capacity: 1, cost: 1 },
      { from: 1, to: 3, capacity: 1, cost: 1 },
      { from: 0, to: 2, capacity: 1, cost: 2 },
      { from: 2, to: 3, capacity: 1, cost: 3 },
    ];
    expect(minCostFlow(4, arcs, 0, 3, 'max-flow')).toEqual({ flow: 2, cost: 7, arcFlow: [1, 1, 1, 1] });
  });

  it('reroutes earlier flow when a later unit needs its arc (uses a reverse arc)', () => {
    // Greedy would send the first unit 0-1-2-3 and block the second; the optimum uses both side paths.
    const arcs = [
      { from: 0, to: 1, capacity: 1, cost: 0 },
      { from: 0, to: 2, capacity: 1, cost: 3 },
      { from: 1, to: 2, capacity: 1, cost: 0 },
      { from: 1, to: 3, capacity: 1, cost: 3 },
      { from: 2, to: 3, capacity: 1, cost: 0 },
    ];
    const result = minCostFlow(4, arcs, 0, 3, 'max-flow');
    expect(result.flow).toBe(2);
    expect(result.cost).toBe(6);
    expect(result.arcFlow[2]).toBe(0);
  });

  it("'min-cost' stops when more flow would cost more; 'max-flow' does not", () => {
    const arcs = [
      { from: 0, to: 1, capacity: 1, cost: -5 },
      { from: 0, to: 1, capacity: 1, cost: 4 },
      { from: 1, to: 2, capacity: 2, cost: 0 },
    ];
    expect(minCostFlow(3, arcs, 0, 2, 'min-cost')).toMatchObject({ flow: 1, cost: -5 });
    expect(minCostFlow(3, arcs, 0, 2, 'max-flow')).toMatchObject({ flow: 2, cost: -1 });
  });

  it('refuses a negative cycle', () => {
    const arcs = [
      { from: 0, to: 1, capacity: 1, cost: 0 },
      { from: 1, to: 2, capacity: 1, cost: -2 },
      { from: 2, to: 1, capacity: 1, cost: 1 },
    ];
    expect(() => minCostFlow(3, arcs, 0, 2, 'max-flow')).toThrow(RangeError);
  });

  it('matches brute force on 400 random small networks (seeded), for both goals', () => {
    const random = seededRandom(20261108);
    for (let n = 0; n < 400; n++) {
      const nodeCount = randomInt(random, 3, 5);
      const arcCount = randomInt(random, 3, 7);
      const arcs: FlowArc[] = [];
      for (let k = 0; k < arcCount; k++) {
        // Arcs go from a lower to a higher node number: a DAG, so negative costs cannot form a cycle.
        const from = randomInt(random, 0, nodeCount - 2);
        const to = randomInt(random, from + 1, nodeCount - 1);
        arcs.push({ from, to, capacity: randomInt(random, 0, 2), cost: randomInt(random, -4, 6) });
      }
      const sink = nodeCount - 1;
      const { bestMax, bestAny } = bruteForce(nodeCount, arcs, 0, sink);
      const asMax = minCostFlow(nodeCount, arcs, 0, sink, 'max-flow');
      const asMin = minCostFlow(nodeCount, arcs, 0, sink, 'min-cost');
      const context = JSON.stringify({ n, arcs });
      expect({ flow: asMax.flow, cost: asMax.cost }, context).toEqual(bestMax);
      expect(asMin.cost, context).toBe(bestAny);
      // The reported arc flows are a valid flow of the reported cost.
      for (const result of [asMax, asMin]) {
        expect(arcs.reduce((sum, a, k) => sum + a.cost * result.arcFlow[k]!, 0), context).toBe(result.cost);
        arcs.forEach((a, k) => expect(result.arcFlow[k]).toBeLessThanOrEqual(a.capacity));
      }
    }
  });

  it('warm-started with arcs closed, matches a cold solve of the closed network (400 seeded random networks)', () => {
    const random = seededRandom(2026_11_30);
    for (let n = 0; n < 400; n++) {
      const nodeCount = randomInt(random, 3, 7);
      const arcs: FlowArc[] = Array.from({ length: randomInt(random, 3, 12) }, () => {
        const from = randomInt(random, 0, nodeCount - 2);
        return { from, to: randomInt(random, from + 1, nodeCount - 1), capacity: randomInt(random, 0, 3), cost: randomInt(random, -6, 6) };
      });
      const sink = nodeCount - 1;
      const solver = new FlowSolver(nodeCount, arcs);
      solver.solve(0, sink, 'min-cost');
      const root = solver.root(0, sink);
      // Close a random few arcs (often ones that carry flow), several times from the same root.
      for (let trial = 0; trial < 3; trial++) {
        const closed = arcs.flatMap((_, k) => (random() < 0.3 ? [k] : []));
        const warm = solver.resolve(root, closed);
        const cold = minCostFlow(nodeCount, arcs.map((a, k) => (closed.includes(k) ? { ...a, capacity: 0 } : a)), 0, sink, 'min-cost');
        const context = JSON.stringify({ n, arcs, closed });
        expect(warm.cost, context).toBe(cold.cost);
        // The warm flow is a valid flow of that cost: within capacities, closed arcs empty, conserved at inner nodes.
        const balance = new Array<number>(nodeCount).fill(0);
        arcs.forEach((a, k) => {
          expect(warm.arcFlow[k]!, context).toBeLessThanOrEqual(closed.includes(k) ? 0 : a.capacity);
          expect(warm.arcFlow[k]!, context).toBeGreaterThanOrEqual(0);
          balance[a.from]! -= warm.arcFlow[k]!;
          balance[a.to]! += warm.arcFlow[k]!;
        });
        balance.forEach((b, v) => v !== 0 && v !== sink && expect(b, context).toBe(0));
        expect(arcs.reduce((sum, a, k) => sum + a.cost * warm.arcFlow[k]!, 0), context).toBe(warm.cost);
      }
    }
  });

  it('gives the same arc flows run after run', () => {
    const random = seededRandom(5);
    const arcs: FlowArc[] = Array.from({ length: 60 }, () => {
      const from = randomInt(random, 0, 10);
      return { from, to: randomInt(random, from + 1, 11), capacity: randomInt(random, 1, 3), cost: randomInt(random, 0, 2) };
    });
    const first = minCostFlow(12, arcs, 0, 11, 'max-flow');
    for (let i = 0; i < 5; i++) expect(minCostFlow(12, arcs, 0, 11, 'max-flow')).toEqual(first);
  });
});

/**
 * The auto-scheduler's flow network, built from the week's shape without listing candidate placements. Each unit of
 * flow is one appointment on the path
 *   source → request (participant × kind) → (participant's group, block) → [pool] → (clinician, block) → (clinician, day) → sink.
 *
 * Pools. For one group in one block, the eligible clinicians free then fall into at most two cost classes: the
 * participant's preferred (primary) clinician, and everyone else, who all cost the same (the usual-time cost depends on
 * the block only). A class of two or more is reached through a pool node keyed by (block, the class's exact
 * clinicians): one arc from the group-block into the pool at the class's cost, and one arc of cost 0 from the pool to
 * each member's clinician-block. Every placement of the old per-candidate network is a path of the same cost here, and
 * every path is a placement (all members are eligible and free for every group that enters the pool), so the optimum is
 * the same, while the arcs grow with requests + clinicians instead of requests × clinicians. Which member a pooled
 * unit went to is read off the pool's outgoing arcs, pairing them with its incoming arcs in arc order (any pairing is
 * valid and costs the same), so the decoding is deterministic.
 *
 * A group of one line wanting one appointment needs no group-block node: its line's own capacity of one already keeps
 * it to one appointment in a block, so its place arcs leave the line node directly (one or two per block).
 */
import { FlowSolver, type FlowRoot } from './min-cost-flow.ts';
import { APPOINTMENT_KIND_RULES } from './appointment-kinds.ts';
import type { WeekShape } from './week-model.ts';

/** Distinct lengths a group-block can need: one per kind at most (keys below multiply by it). */
const LENGTHS = Object.keys(APPOINTMENT_KIND_RULES).length;

/** A placement read off a flow: request line, clinician, block and its own preference cost. */
export interface Placed {
  line: number;
  clinician: number;
  block: number;
  cost: number;
}

/** Arcs of one component whose closure forbids something (a kind in a block, a clinician in a block). */
export interface Closure {
  component: number;
  arc: number;
}

/** One connected part of the network: its own flow solver and the meaning of its arcs. */
export interface Component {
  solver: FlowSolver;
  /** Arcs request → (group, block) for groups whose kinds fit different blocks: "this kind in this block". */
  kindArcs: { arc: number; line: number; group: number; block: number }[];
  /** Groups of several lines or units whose kinds fit the same blocks, with each line's arc into the group node. */
  mergedGroups: { group: number; lines: readonly number[]; lineArcs: number[] }[];
  /**
   * Arcs leaving a (group, block) toward a clinician (direct) or a pool, as columns: the line it carries (−1 when a
   * kind arc names it), group, block, clinician (−1 for a pool arc), pool (−1 for a direct arc) and its cost.
   */
  placeArcs: { arc: Int32Array; line: Int32Array; group: Int32Array; block: Int32Array; clinician: Int32Array; pool: Int32Array; cost: Float64Array };
  /** Arcs pool → (clinician, block). */
  poolArcs: { arc: number; pool: number; clinician: number }[];
  poolCount: number;
  arcCount: number;
  /** The optimum with nothing closed, once solved: where every side's solve starts. */
  root: FlowRoot | null;
}

export interface WeekNetwork {
  components: Component[];
  /** The arcs whose closure keeps a line out of a block (none when it has no placement there). */
  kindClosures: (line: number, block: number) => Closure[];
  /** The (clinician, block) → day arc whose closure keeps the clinician out of the block. */
  clinicianBlockClosure: (clinician: number, block: number) => Closure;
  /** Blocks whose free rooms are fewer than the clinicians who could use them: the room rule must be checked. */
  roomRuleBlocks: Set<number>;
  /** Cost of one more placement; above any total of preference costs, so placing more always wins. */
  reward: number;
  /** Per line, its candidate placements per wanted unit. */
  choicesPerUnit: Float64Array;
}

/** A column of numbers that grows as it is filled, kept in a typed array (large networks make little garbage). */
class Column<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(private data: T) {}
  push(value: number): number {
    if (this.length === this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length] = value;
    return this.length++;
  }
  get(i: number): number {
    return this.data[i]!;
  }
  set(i: number, value: number): void {
    this.data[i] = value;
  }
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

const ints = () => new Column(new Int32Array(1024));

/** Place-arc line marker: the group is merged, and its lines are given their blocks when the flow is read. */
const MERGED = -2;

/** The first clinician of `free` other than `preferred` (a loop, not `find`: no closure in the builder's inner loop). */
function firstOther(free: readonly number[], preferred: number): number {
  for (const c of free) if (c !== preferred) return c;
  return -1;
}

const sameList = (a: readonly number[], b: readonly number[]) => a === b || (a.length === b.length && a.every((x, i) => x === b[i]));

/** Union–find over request lines (0…L−1) and clinicians (L…L+C−1): lines joined to their group's clinicians. */
function componentRoots(shape: WeekShape, clinicianCount: number): Int32Array {
  const L = shape.lines.length;
  const parent = Int32Array.from({ length: L + clinicianCount }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  shape.lines.forEach((_, line) => {
    for (const c of shape.groupClinicians[shape.lineGroup[line]!]!) {
      const a = find(line);
      const b = find(L + c);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  });
  return Int32Array.from(parent, (_, i) => find(i));
}

/** Builds the pooled network of a week, one flow solver per connected component. */
export function buildWeekNetwork(shape: WeekShape, clinicianCount: number): WeekNetwork {
  const { lines, lineGroup, blocks, groupClinicians, groupLength, lineBlocks, dayOfBlock, placesLeft, costs } = shape;
  const B = blocks.length;
  const C = clinicianCount;
  const D = shape.dates.length;
  const L = lines.length;
  const roots = componentRoots(shape, C);
  const linesOfComponent: number[][] = [];
  const componentOfRoot = new Map<number, number>();
  const componentOfLine = new Int32Array(L).fill(-1);
  lines.forEach((_, line) => {
    if (groupClinicians[lineGroup[line]!]!.length === 0) return;
    let id = componentOfRoot.get(roots[line]!);
    if (id === undefined) {
      id = linesOfComponent.length;
      componentOfRoot.set(roots[line]!, id);
      linesOfComponent.push([]);
    }
    componentOfLine[line] = id;
    linesOfComponent[id]!.push(line);
  });
  const linesOfGroup: number[][] = [];
  lines.forEach((_, line) => (linesOfGroup[lineGroup[line]!] ??= []).push(line));
  // The clinicians of a list free in a block for a length, with a place left that day. A care team's participants
  // share their groups' clinician lists, so this is worked out once per (list, length, block); pools are keyed by the
  // same triple plus the preferred clinician left out, which together fix the members.
  const listIds = new Map<readonly number[], number>();
  const lengthIds = new Map<number, number>();
  const freeCache = new Map<number, number[]>();
  const freeIn = (clinicians: readonly number[], listId: number, lengthId: number, length: number, b: number): number[] => {
    const key = (listId * LENGTHS + lengthId) * B + b;
    let free = freeCache.get(key);
    if (!free) {
      free = clinicians.filter((c) => shape.clinicianFreeAt(c, b, length) && placesLeft[c * D + dayOfBlock[b]!]! > 0);
      freeCache.set(key, free);
    }
    return free;
  };

  // Per (line, block): the first arc of its closure (−1: none) and how many consecutive arcs it has.
  const closureArc = new Int32Array(L * B).fill(-1);
  const closureCount = new Uint8Array(L * B);
  const clinicianBlockArc = new Int32Array(C * B).fill(-1);
  const componentOfClinician = new Int32Array(C).fill(-1);
  const choicesPerUnit = new Float64Array(L);
  const cliniciansInBlock = new Int32Array(B);
  const clinicianBlockNode = new Int32Array(C * B).fill(-1);
  const dayNode = new Int32Array(C * D).fill(-1);
  let maxCost = 0;
  let maxDayStep = 0;
  const sourceArcs: { component: number; arc: number }[] = [];
  const built = linesOfComponent.map((componentLines, component) => {
    const arcs = { from: ints(), to: ints(), capacity: ints(), cost: new Column(new Float64Array(1024)) };
    const add = (from: number, to: number, capacity: number, cost: number) => {
      arcs.from.push(from);
      arcs.to.push(to);
      arcs.capacity.push(capacity);
      return arcs.cost.push(cost);
    };
    let nodes = 2;
    const kindArcs: Component['kindArcs'] = [];
    const mergedGroups: Component['mergedGroups'] = [];
    const placeArcs = { arc: ints(), line: ints(), group: ints(), block: ints(), clinician: ints(), pool: ints(), cost: new Column(new Float64Array(1024)) };
    const poolArcs: Component['poolArcs'] = [];
    const poolOfKey = new Map<number, { node: number; id: number }>();
    const clinicianBlocks: number[] = [];
    const lineNode = new Map<number, number>();
    for (const line of componentLines) {
      lineNode.set(line, nodes);
      sourceArcs.push({ component, arc: add(0, nodes++, lines[line]!.count, 0) });
    }
    // One closure per component, not per (group, block): the builder runs a few hundred thousand times at 2,000
    // participants, and every closure made in that loop was an allocation (and, under tsx, a naming call).
    const place = (from: number, line: number, group: number, b: number, clinician: number, poolId: number, to: number, cost: number) => {
      maxCost = Math.max(maxCost, cost);
      placeArcs.arc.push(add(from, to, 1, cost));
      placeArcs.line.push(line);
      placeArcs.group.push(group);
      placeArcs.block.push(b);
      placeArcs.clinician.push(clinician);
      placeArcs.pool.push(poolId);
      placeArcs.cost.push(cost);
    };
    const clinicianBlockOf = (c: number, b: number): number => {
      if (clinicianBlockNode[c * B + b] === -1) {
        clinicianBlockNode[c * B + b] = nodes++;
        clinicianBlocks.push(c * B + b);
        componentOfClinician[c] = component;
      }
      return clinicianBlockNode[c * B + b]!;
    };
    const groupsDone = new Set<number>();
    for (const first of componentLines) {
      const group = lineGroup[first]!;
      if (groupsDone.has(group)) continue;
      groupsDone.add(group);
      const groupLines = linesOfGroup[group]!;
      const simple = groupLines.length === 1 && lines[first]!.count === 1;
      // Kinds of a group that fit the same blocks are interchangeable there (same clinicians, same costs): they share
      // one group node, whose arc into each block holds the one appointment; which kind takes which block is read off
      // afterwards. Only kinds that fit different blocks need the per-block node pair and a kind arc each.
      const merged = !simple && groupLines.every((line) => sameList(lineBlocks[line]!, lineBlocks[first]!));
      let groupNode = -1;
      if (merged) {
        const lineArcs: number[] = [];
        if (groupLines.length === 1) groupNode = lineNode.get(first)!;
        else {
          groupNode = nodes++;
          for (const line of groupLines) lineArcs.push(add(lineNode.get(line)!, groupNode, lines[line]!.count, 0));
        }
        mergedGroups.push({ group, lines: groupLines, lineArcs });
      }
      const clinicians = groupClinicians[group]!;
      const lengths = groupLength[group]!;
      const preferred = shape.preferredClinician(first) ?? -1;
      let listId = listIds.get(clinicians);
      if (listId === undefined) listIds.set(clinicians, (listId = listIds.size));
      for (let b = 0; b < B; b++) {
        const length = lengths[b]!;
        if (length === 0 || blocks[b]!.roomCapacity === 0) continue;
        let lengthId = lengthIds.get(length);
        if (lengthId === undefined) lengthIds.set(length, (lengthId = lengthIds.size));
        const free = freeIn(clinicians, listId, lengthId, length, b);
        if (free.length === 0) continue;
        const preferredFree = preferred >= 0 && free.includes(preferred);
        const others = preferredFree ? free.length - 1 : free.length;
        // A pool for the others, made (with its arcs to the members) before this group-block's own arcs, so that those
        // are consecutive and one range closes them.
        let pool: { node: number; id: number } | undefined;
        if (others > 1) {
          const key = ((listId * (C + 1) + (preferredFree ? preferred : -1) + 1) * LENGTHS + lengthId) * B + b;
          pool = poolOfKey.get(key);
          if (!pool) {
            pool = { node: nodes++, id: poolOfKey.size };
            poolOfKey.set(key, pool);
            for (const c of free) {
              if (c !== preferred) poolArcs.push({ arc: add(pool.node, clinicianBlockOf(c, b), 1, 0), pool: pool.id, clinician: c });
            }
          }
        }
        // Where this (group, block)'s place arcs start; a group of several lines or units gets its own capacity-one node.
        let from: number;
        if (simple) from = lineNode.get(first)!;
        else if (merged) {
          from = nodes++;
          const arc = add(groupNode, from, 1, 0);
          for (const line of groupLines) {
            closureArc[line * B + b] = arc;
            closureCount[line * B + b] = 1;
          }
        } else {
          const groupIn = nodes;
          from = nodes + 1;
          nodes += 2;
          for (const line of groupLines) {
            if (!lineBlocks[line]!.includes(b)) continue;
            const arc = add(lineNode.get(line)!, groupIn, 1, 0);
            kindArcs.push({ arc, line, group, block: b });
            closureArc[line * B + b] = arc;
            closureCount[line * B + b] = 1;
          }
          add(groupIn, from, 1, 0);
        }
        const placeStart = arcs.cost.length;
        const placeLine = simple ? first : merged ? MERGED : -1;
        if (preferredFree) place(from, placeLine, group, b, preferred, -1, clinicianBlockOf(preferred, b), shape.placementCost(first, preferred, b));
        if (others > 0) {
          const other = firstOther(free, preferred);
          if (pool) place(from, placeLine, group, b, -1, pool.id, pool.node, shape.placementCost(first, other, b));
          else place(from, placeLine, group, b, other, -1, clinicianBlockOf(other, b), shape.placementCost(first, other, b));
        }
        if (simple) {
          closureArc[first * B + b] = placeStart;
          closureCount[first * B + b] = arcs.cost.length - placeStart;
        }
        for (const line of groupLines) {
          if (simple || lineBlocks[line]!.includes(b)) choicesPerUnit[line]! += free.length / lines[line]!.count;
        }
      }
    }
    // (clinician, block) → (clinician, day): one appointment per clinician per block.
    const days: number[] = [];
    for (const cb of clinicianBlocks) {
      const c = Math.floor(cb / B);
      const b = cb % B;
      const day = c * D + dayOfBlock[b]!;
      if (dayNode[day] === -1) {
        dayNode[day] = nodes++;
        days.push(day);
      }
      clinicianBlockArc[cb] = add(clinicianBlockNode[cb]!, dayNode[day]!, 1, 0);
      cliniciansInBlock[b]!++;
    }
    // (clinician, day) → sink: one unit arc per free place that day, dearer as the day fills (convex, so exact).
    for (const day of days) {
      const c = Math.floor(day / D);
      const booked = shape.bookedPerDay[c]!.get(shape.dates[day % D]!) ?? 0;
      for (let j = 0; j < placesLeft[day]!; j++) {
        maxDayStep = Math.max(maxDayStep, costs.dayLoadStep * (booked + j));
        add(dayNode[day]!, 1, 1, costs.dayLoadStep * (booked + j));
      }
    }
    const columns = Object.fromEntries(Object.entries(placeArcs).map(([name, column]) => [name, column.view()]));
    return { arcs, nodes, kindArcs, mergedGroups, placeArcs: columns as Component['placeArcs'], poolArcs, poolCount: poolOfKey.size };
  });
  const units = lines.reduce((sum, l) => sum + l.count, 0);
  const reward = (units + 1) * (maxCost + maxDayStep) + 1;
  for (const { component, arc } of sourceArcs) built[component]!.arcs.cost.set(arc, -reward);
  const components = built.map(({ arcs, nodes, kindArcs, mergedGroups, placeArcs, poolArcs, poolCount }): Component => ({
    mergedGroups,
    solver: new FlowSolver(nodes, { from: arcs.from.view(), to: arcs.to.view(), capacity: arcs.capacity.view(), cost: arcs.cost.view() }),
    kindArcs,
    placeArcs,
    poolArcs,
    poolCount,
    arcCount: arcs.cost.length,
    root: null,
  }));
  const roomRuleBlocks = new Set<number>();
  cliniciansInBlock.forEach((count, block) => {
    if (count > blocks[block]!.roomCapacity) roomRuleBlocks.add(block);
  });
  const kindClosures = (line: number, block: number): Closure[] => {
    const first = closureArc[line * B + block]!;
    if (first === -1) return [];
    return Array.from({ length: closureCount[line * B + block]! }, (_, i) => ({ component: componentOfLine[line]!, arc: first + i }));
  };
  const clinicianBlockClosure = (clinician: number, block: number): Closure => ({
    component: componentOfClinician[clinician]!,
    arc: clinicianBlockArc[clinician * B + block]!,
  });
  return { components, kindClosures, clinicianBlockClosure, roomRuleBlocks, reward, choicesPerUnit };
}

/** The placements a component's flow makes (flow on each input arc), pooled units paired with members in arc order. */
export function placementsOfFlow(component: Component, arcFlow: Float64Array, blockCount: number): Placed[] {
  // A group-block holds one appointment, so the one kind arc carrying flow into it names the kind of its placement.
  const kindInGroupBlock = new Map<number, number>();
  for (const kind of component.kindArcs) {
    if (arcFlow[kind.arc] === 1) kindInGroupBlock.set(kind.group * blockCount + kind.block, kind.line);
  }
  const used: Placed[] = [];
  const waiting: Placed[][] = Array.from({ length: component.poolCount }, () => []);
  const places = component.placeArcs;
  const mergedPlaced = new Map<number, Placed[]>();
  for (let i = 0; i < places.arc.length; i++) {
    if (arcFlow[places.arc[i]!] !== 1) continue;
    const block = places.block[i]!;
    const marker = places.line[i]!;
    const line = marker >= 0 ? marker : marker === MERGED ? -1 : kindInGroupBlock.get(places.group[i]! * blockCount + block)!;
    const placed = { line, clinician: places.clinician[i]!, block, cost: places.cost[i]! };
    if (marker === MERGED) {
      const list = mergedPlaced.get(places.group[i]!);
      if (list) list.push(placed);
      else mergedPlaced.set(places.group[i]!, [placed]);
    }
    if (placed.clinician >= 0) used.push(placed);
    else waiting[places.pool[i]!]!.push(placed);
  }
  // A merged group's blocks (in block order) go to its lines in line order, each line taking the units it carries.
  for (const { group, lines, lineArcs } of component.mergedGroups) {
    const placedInGroup = mergedPlaced.get(group);
    if (!placedInGroup) continue;
    let next = 0;
    lines.forEach((line, i) => {
      const units = lineArcs.length === 0 ? placedInGroup.length : arcFlow[lineArcs[i]!]!;
      for (let u = 0; u < units; u++) placedInGroup[next++]!.line = line;
    });
  }
  const taken = new Int32Array(component.poolCount);
  for (const out of component.poolArcs) {
    if (arcFlow[out.arc] !== 1) continue;
    const placed = waiting[out.pool]![taken[out.pool]!++]!;
    placed.clinician = out.clinician;
    used.push(placed);
  }
  return used;
}

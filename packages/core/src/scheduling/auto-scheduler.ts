/**
 * Weekly auto-scheduler: places a week's required individual, family and psychiatry appointments, most placements
 * first, then least cost (primary clinician, usual time, convex load on each clinician's day), never moving what is
 * booked.
 *
 * Exact method. Each unit of flow is one appointment on the path
 *   source → request (participant × kind) → (participant's group, block) → (clinician, block) → (clinician, day) → sink
 * where a group is the participant's kinds that the same clinicians see (individual and family, say). The network
 * holds exactly: the request counts, one appointment per participant-group per block, one per clinician per block, the
 * clinician's daily maximum (the day's arcs to the sink are its free places) and the convex day load (those arcs are
 * unit arcs costing 0, step, 2 × step, …, counted from the appointments already booked, so the cheapest are used
 * first and k appointments cost step × k(k−1)/2). Being a network, its min-cost flow is an integral optimum of those
 * rules. Two rules cut across that nesting: the rooms free in a block (shared by all clinicians) and one appointment
 * per participant per block across groups (psychiatry and individual, which different clinicians give). A block
 * whose rooms outnumber the clinicians who could work in it needs no rule at all, so offices per clinician cost
 * nothing. The flow optimum is a lower bound; when it breaks a side rule we branch: for a participant's clash, one
 * side per group (this group is not in that block); for a full block, one side per clinician among capacity + 1 of
 * those using it (that clinician is not in that block). Every feasible week keeps at least one side, so the search is
 * exact. All the rules a flow breaks are branched on at once along one dive (the first side of each, the rest kept
 * as open sides with the parent's bound, solved only if they can still beat the best), so a week whose clashes cost
 * nothing to resolve is proven optimal in a handful of solves. The network splits into components (participants and
 * clinicians linked by candidates); a side only re-solves the components whose arcs it changed. Best bound first,
 * ties by order opened; the search stops when no open side can beat the best proposal, which is then optimal.
 * Every step is deterministic (arc order, tie-breaking by order opened), so identical input gives identical output.
 */
import { APPOINTMENT_KIND_RULES, type AppointmentKind } from './appointment-kinds.ts';
import { FlowSolver, type FlowColumns, type FlowRoot } from './min-cost-flow.ts';
import { buildWeekModel, type UnplacedReason, type WeekModel, type WeekToSchedule } from './week-model.ts';

export interface Placement {
  participantId: string;
  kind: AppointmentKind;
  clinicianId: string;
  roomId: string;
  /** Epoch milliseconds; the appointment runs for its kind's set length from the start of its block. */
  start: number;
  end: number;
}

export interface UnplacedRequest {
  participantId: string;
  kind: AppointmentKind;
  /** Appointments of this kind still missing for the participant. */
  count: number;
  reason: UnplacedReason;
}

export interface WeekProposal {
  placements: Placement[];
  unplaced: UnplacedRequest[];
  /** Total preference cost of the placements (clinician, usual time, day load); lower is better. */
  cost: number;
  /** False only when the search stopped at `maxFlowSolves` before proving the proposal optimal. */
  provenOptimal: boolean;
  flowSolves: number;
}

export interface AutoScheduleOptions {
  /** Safety stop for pathological weeks; the best proposal so far is returned with provenOptimal false. */
  maxFlowSolves?: number;
}


/** One connected part of the network: its own flow solver and the meaning of its arcs. */
interface Component {
  solver: FlowSolver;
  /** Arcs request → (participant group, block): "this kind in this block". */
  kindArcs: { arc: number; line: number; group: number; block: number }[];
  /** Arcs (participant group, block) → (clinician, block). */
  placeArcs: { arc: number; group: number; clinician: number; block: number }[];
  /** Size, to choose the cheaper side to dive into. */
  arcCount: number;
  /** The optimum with nothing closed, once solved: where every side's solve starts. */
  root: FlowRoot | null;
}

interface Network {
  components: Component[];
  /** By `line * blocks + block`: the kind arc's component and local arc. */
  kindArcOf: Map<number, { component: number; arc: number }>;
  /** By `clinician * blocks + block`: the clinician-block arc's component and local arc. */
  clinicianBlockArcOf: Map<number, { component: number; arc: number }>;
  /** Blocks whose free rooms fewer than the clinicians who could use them: the room rule must be checked. */
  roomRuleBlocks: Set<number>;
  /** Cost of one more placement; above any total of preference costs, so placing more always wins. */
  reward: number;
  /** The candidate of a line, clinician and block (candidates of a line are contiguous, by clinician then block). */
  candidateOf: (line: number, clinician: number, block: number) => number;
  /** Per line, its candidates per wanted unit. */
  choicesPerUnit: Float64Array;
}

/** Union–find over request lines (0…L−1) and clinicians (L…L+C−1). */
function componentsOf(model: WeekModel, clinicianCount: number): Int32Array {
  const parent = Int32Array.from({ length: model.lines.length + clinicianCount }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (const c of model.candidates) union(c.line, model.lines.length + c.clinician);
  const firstLineOfGroup = new Map<number, number>();
  model.lineGroup.forEach((group, line) => {
    const first = firstLineOfGroup.get(group);
    if (first === undefined) firstLineOfGroup.set(group, line);
    else union(first, line);
  });
  return Int32Array.from(parent, (_, i) => find(i));
}

function buildNetwork(model: WeekModel, week: WeekToSchedule): Network {
  const { lines, lineGroup, candidates, blocks, costs } = model;
  const B = blocks.length;
  const C = week.clinicians.length;
  const root = componentsOf(model, C);
  // Components numbered in order of their first candidate, so the numbering follows the input.
  const componentOfRoot = new Map<number, number>();
  const candidatesOf: number[][] = [];
  candidates.forEach((candidate, k) => {
    const r = root[candidate.line]!;
    let id = componentOfRoot.get(r);
    if (id === undefined) {
      id = candidatesOf.length;
      componentOfRoot.set(r, id);
      candidatesOf.push([]);
    }
    candidatesOf[id]!.push(k);
  });
  const remainingOnDay = (clinician: number, date: string) =>
    week.clinicians[clinician]!.maxSessionsPerDay - (model.bookedPerDay[clinician]!.get(date) ?? 0);
  const maxCandidateCost = candidates.reduce((max, c) => Math.max(max, c.cost), 0);
  const maxDayStep = costs.dayLoadStep * week.clinicians.reduce((max, c) => Math.max(max, c.maxSessionsPerDay - 1), 0);
  const units = lines.reduce((sum, l) => sum + l.count, 0);
  const reward = (units + 1) * (maxCandidateCost + maxDayStep) + 1;

  const kindArcOf: Network['kindArcOf'] = new Map();
  const clinicianBlockArcOf: Network['clinicianBlockArcOf'] = new Map();
  const lineStart = new Int32Array(lines.length + 1).fill(-1);
  candidates.forEach((c, k) => {
    if (lineStart[c.line] === -1) lineStart[c.line] = k;
    lineStart[c.line + 1] = k + 1;
  });
  const candidateOf = (line: number, clinician: number, block: number): number => {
    let lo = lineStart[line]!;
    let hi = lineStart[line + 1]!;
    const key = clinician * B + block;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = candidates[mid]!;
      if (c.clinician * B + c.block < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const cliniciansInBlock = new Array<number>(B).fill(0);
  // Node keys are numbers: a week of 2,000 participants has hundreds of thousands of candidates.
  const dates = [...new Set(blocks.map((b) => b.localDate))];
  const dayOfBlock = Int32Array.from(blocks, (b) => dates.indexOf(b.localDate));
  const D = dates.length;
  const lineNode = new Int32Array(lines.length).fill(-1);
  const clinicianBlockNode = new Int32Array(C * B).fill(-1);
  const dayNode = new Int32Array(C * D).fill(-1);
  const components = candidatesOf.map((ks, componentIndex): Component => {
    const arcs: FlowColumns = { from: [], to: [], capacity: [], cost: [] };
    const add = (from: number, to: number, capacity: number, cost: number) => {
      arcs.from.push(from);
      arcs.to.push(to);
      arcs.capacity.push(capacity);
      return arcs.cost.push(cost) - 1;
    };
    let nodes = 2;
    const kindArcs: Component['kindArcs'] = [];
    const placeArcs: Component['placeArcs'] = [];
    // Source → request, in first-seen order.
    for (const k of ks) {
      const line = candidates[k]!.line;
      if (lineNode[line] !== -1) continue;
      lineNode[line] = nodes++;
      add(0, lineNode[line], lines[line]!.count, -reward);
    }
    // Request → (group, block) in, then the group-block's capacity of one to its out node (numbered in + 1).
    const groupBlockNode = new Map<number, number>();
    for (const k of ks) {
      const { line, block } = candidates[k]!;
      if (kindArcOf.has(line * B + block)) continue;
      const key = lineGroup[line]! * B + block;
      let groupBlock = groupBlockNode.get(key);
      if (groupBlock === undefined) {
        groupBlock = nodes;
        nodes += 2;
        groupBlockNode.set(key, groupBlock);
      }
      const arc = add(lineNode[line]!, groupBlock, 1, 0);
      kindArcOf.set(line * B + block, { component: componentIndex, arc });
      kindArcs.push({ arc, line, group: lineGroup[line]!, block });
    }
    for (const groupBlock of groupBlockNode.values()) add(groupBlock, groupBlock + 1, 1, 0);
    // (group, block) out → (clinician, block): the placement, at its own cost.
    const placeSeen = new Set<number>();
    for (const k of ks) {
      const candidate = candidates[k]!;
      const { clinician, block } = candidate;
      const group = lineGroup[candidate.line]!;
      const placeKey = (group * B + block) * C + clinician;
      if (placeSeen.has(placeKey)) continue;
      placeSeen.add(placeKey);
      if (clinicianBlockNode[clinician * B + block] === -1) clinicianBlockNode[clinician * B + block] = nodes++;
      // Within a group the cost depends on participant, clinician and block only, never on the kind.
      const arc = add(groupBlockNode.get(group * B + block)! + 1, clinicianBlockNode[clinician * B + block]!, 1, candidate.cost);
      placeArcs.push({ arc, group, clinician, block });
    }
    // (clinician, block) → (clinician, day): one appointment per clinician per block.
    const dayNodes: number[] = [];
    for (const k of ks) {
      const { clinician, block } = candidates[k]!;
      if (clinicianBlockArcOf.has(clinician * B + block)) continue;
      const day = clinician * D + dayOfBlock[block]!;
      if (dayNode[day] === -1) {
        dayNode[day] = nodes++;
        dayNodes.push(day);
      }
      const arc = add(clinicianBlockNode[clinician * B + block]!, dayNode[day]!, 1, 0);
      clinicianBlockArcOf.set(clinician * B + block, { component: componentIndex, arc });
      cliniciansInBlock[block]!++;
    }
    // (clinician, day) → sink: one unit arc per free place that day, dearer as the day fills (convex, so exact).
    for (const day of dayNodes) {
      const clinician = Math.floor(day / D);
      const date = dates[day % D]!;
      const booked = model.bookedPerDay[clinician]!.get(date) ?? 0;
      for (let j = 0; j < remainingOnDay(clinician, date); j++) add(dayNode[day]!, 1, 1, costs.dayLoadStep * (booked + j));
    }
    return { solver: new FlowSolver(nodes, arcs), kindArcs, placeArcs, arcCount: arcs.cost.length, root: null };
  });
  const roomRuleBlocks = new Set<number>();
  cliniciansInBlock.forEach((count, block) => {
    if (count > blocks[block]!.roomCapacity) roomRuleBlocks.add(block);
  });
  const choicesPerUnit = new Float64Array(lines.length);
  for (const c of candidates) choicesPerUnit[c.line]! += 1 / lines[c.line]!.count;
  return { components, kindArcOf, clinicianBlockArcOf, roomRuleBlocks, reward, candidateOf, choicesPerUnit };
}

/** A component's arcs closed on one side of the search, and its flow there (solved when first needed). */
interface ComponentState {
  closed: readonly number[];
  solved: { objective: number; used: number[] } | null;
}

interface SearchNode {
  components: ComponentState[];
  /** A lower bound on every week in this side: its own flow's objective once solved, else its parent's. */
  bound: number;
  order: number;
  solved: boolean;
}

/** A closure of one arc of one component. */
interface Closure {
  component: number;
  arc: number;
}

/** A side rule broken by a flow, and the sides that together hold every week keeping it (each closes some arcs). */
type Violation = Closure[][];

/** The exact best placement of a week's requests, with every unplaced request and its reason. Deterministic. */
export function autoScheduleWeek(week: WeekToSchedule, options: AutoScheduleOptions = {}): WeekProposal {
  const model = buildWeekModel(week);
  const network = buildNetwork(model, week);
  const search = new Search(week, model, network, options.maxFlowSolves ?? 1000);
  const best = search.run();
  return proposalOf(week, model, best?.used ?? [], search.provenOptimal, search.flowSolves);
}

/** Objectives are whole numbers, so a side whose bound exceeds best − 1 cannot hold anything strictly better. */
const cannotBeat = (bound: number, best: { objective: number } | null) => best !== null && bound > best.objective - 1 + 1e-6;

class MinQueue {
  private items: SearchNode[] = [];
  get size(): number {
    return this.items.length;
  }
  private less(a: SearchNode, b: SearchNode): boolean {
    return a.bound < b.bound || (a.bound === b.bound && a.order < b.order);
  }
  push(node: SearchNode): void {
    const items = this.items;
    let i = items.push(node) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(node, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = node;
  }
  pop(): SearchNode {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && this.less(items[right]!, items[left]!) ? right : left;
        if (!this.less(items[child]!, last)) break;
        items[i] = items[child]!;
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}

class Search {
  flowSolves = 0;
  provenOptimal = true;
  private best: { objective: number; used: number[] } | null = null;
  private opened = 0;
  private participantLines: Map<number, number[]> | null = null;

  constructor(
    private readonly week: WeekToSchedule,
    private readonly model: WeekModel,
    private readonly network: Network,
    private readonly maxFlowSolves: number,
  ) {}

  run(): { objective: number; used: number[] } | null {
    const open = new MinQueue();
    open.push({
      components: this.network.components.map(() => ({ closed: [], solved: null })),
      bound: -Infinity,
      order: this.opened++,
      solved: false,
    });
    while (open.size > 0) {
      const node = open.pop();
      if (cannotBeat(node.bound, this.best)) break;
      if (!node.solved) {
        if (this.flowSolves >= this.maxFlowSolves) {
          this.provenOptimal = false;
          break;
        }
        this.solve(node);
        // Solved, its bound may have risen past the best or past other open sides: look again in order.
        if (!cannotBeat(node.bound, this.best)) open.push(node);
        continue;
      }
      const used = node.components.flatMap((c) => c.solved!.used);
      const violations = this.violations(used);
      this.offer(this.repaired(used));
      if (violations.length === 0) continue;
      // One dive through the first side of every broken rule; the other sides along the way stay open, each with the
      // dive's decisions so far, so together the children cover the node exactly as nested binary branching would.
      // The dive is numbered first, so among sides of equal bound it is solved first.
      const diveOrder = this.opened++;
      let dive = node.components;
      for (const sides of violations) {
        for (const side of sides.slice(1)) open.push(this.child(dive, side, node.bound));
        dive = this.close(dive, sides[0]!);
      }
      open.push({ components: dive, bound: node.bound, order: diveOrder, solved: false });
    }
    return this.best;
  }

  private child(components: ComponentState[], side: Closure[], bound: number): SearchNode {
    return { components: this.close(components, side), bound, order: this.opened++, solved: false };
  }

  private close(components: ComponentState[], side: Closure[]): ComponentState[] {
    const next = components.slice();
    for (const { component, arc } of side) {
      next[component] = { closed: [...next[component]!.closed, arc], solved: null };
    }
    return next;
  }

  /** Solves the components this side changed; the rest keep their parent's flows. */
  private solve(node: SearchNode): void {
    this.flowSolves++;
    let objective = 0;
    node.components = node.components.map((state, i) => {
      const solved = state.solved ?? this.solveComponent(this.network.components[i]!, state.closed);
      objective += solved.objective;
      return state.solved ? state : { closed: state.closed, solved };
    });
    node.bound = objective;
    node.solved = true;
  }

  private solveComponent(component: Component, closed: readonly number[]): { objective: number; used: number[] } {
    let result: { cost: number; arcFlow: Float64Array };
    if (!component.root) {
      // The unclosed component is solved from scratch once; every side of the search starts from that optimum.
      result = component.solver.solve(0, 1, 'min-cost');
      component.root = component.solver.root(0, 1);
      if (closed.length > 0) result = component.solver.resolve(component.root, closed);
    } else result = component.solver.resolve(component.root, closed);
    // A group-block holds one appointment, so the one kind arc carrying flow into it names the kind of its placement.
    const kindInGroupBlock = new Map<number, number>();
    const B = this.model.blocks.length;
    for (const kind of component.kindArcs) {
      if (result.arcFlow[kind.arc] === 1) kindInGroupBlock.set(kind.group * B + kind.block, kind.line);
    }
    const used: number[] = [];
    for (const place of component.placeArcs) {
      if (result.arcFlow[place.arc] !== 1) continue;
      const line = kindInGroupBlock.get(place.group * B + place.block)!;
      used.push(this.network.candidateOf(line, place.clinician, place.block));
    }
    return { objective: result.cost, used };
  }

  private linesOf(participant: number): number[] {
    if (!this.participantLines) {
      this.participantLines = new Map();
      this.model.lines.forEach((line, l) => {
        const list = this.participantLines!.get(line.participant);
        if (list) list.push(l);
        else this.participantLines!.set(line.participant, [l]);
      });
    }
    return this.participantLines.get(participant) ?? [];
  }

  /** Every side rule the placements break, in a fixed order, each with the sides that cover it. */
  private violations(used: number[]): Violation[] {
    const { model, network } = this;
    const B = model.blocks.length;
    const found: Violation[] = [];
    const firstInParticipantBlock = new Map<number, number>();
    const usersOfBlock = new Map<number, number[]>();
    for (const k of used) {
      const candidate = model.candidates[k]!;
      const participant = model.lines[candidate.line]!.participant;
      const key = participant * B + candidate.block;
      const earlier = firstInParticipantBlock.get(key);
      if (earlier === undefined) firstInParticipantBlock.set(key, k);
      else {
        // Two groups of one participant in one block (say psychiatry and individual): in any valid week one of the two
        // groups is not in this block. Dive first into the side that re-solves the smaller component.
        const groupSide = (group: number): Closure[] =>
          this.linesOf(participant).flatMap((l) => {
            const arc = model.lineGroup[l] === group ? network.kindArcOf.get(l * B + candidate.block) : undefined;
            return arc ? [arc] : [];
          });
        const a = groupSide(model.lineGroup[model.candidates[earlier]!.line]!);
        const b = groupSide(model.lineGroup[candidate.line]!);
        // Dive into moving the placement with more alternatives per unit (a psychiatry visit any prescriber can give at
        // no preferred time, rather than the session at the usual time with the primary clinician).
        const choices = (k: number) => network.choicesPerUnit[model.candidates[k]!.line]!;
        found.push(choices(earlier) > choices(k) ? [a, b] : [b, a]);
      }
      if (network.roomRuleBlocks.has(candidate.block)) {
        const list = usersOfBlock.get(candidate.block);
        if (list) list.push(candidate.clinician);
        else usersOfBlock.set(candidate.block, [candidate.clinician]);
      }
    }
    for (const [block, clinicians] of usersOfBlock) {
      const capacity = model.blocks[block]!.roomCapacity;
      if (clinicians.length <= capacity) continue;
      // More appointments than free rooms: in any valid week at least one of any capacity + 1 of these clinicians is
      // not in this block. Dive first into closing the last.
      const sides = clinicians.slice(0, capacity + 1).map((c) => [network.clinicianBlockArcOf.get(c * B + block)!]);
      found.push(sides.reverse());
    }
    return found;
  }

  /** The placements minus those that break a side rule (the later of a clash, those past a block's rooms): valid. */
  private repaired(used: number[]): number[] {
    const B = this.model.blocks.length;
    const participantBlocks = new Set<number>();
    const roomUse = new Map<number, number>();
    return used.filter((k) => {
      const candidate = this.model.candidates[k]!;
      const participantBlock = this.model.lines[candidate.line]!.participant * B + candidate.block;
      const rooms = roomUse.get(candidate.block) ?? 0;
      if (participantBlocks.has(participantBlock) || rooms >= this.model.blocks[candidate.block]!.roomCapacity) return false;
      participantBlocks.add(participantBlock);
      roomUse.set(candidate.block, rooms + 1);
      return true;
    });
  }

  /** Keeps a valid set of placements as the best proposal if it places more or costs less. */
  private offer(used: number[]): void {
    const objective = objectiveOf(this.model, used) - this.network.reward * used.length;
    if (!this.best || objective < this.best.objective) this.best = { objective, used };
  }
}

/** Preference cost of a set of placements: their own costs plus each clinician-day's convex load. */
function objectiveOf(model: WeekModel, used: readonly number[]): number {
  const perDay = new Map<number, number>();
  const dayNumber = new Map<string, number>();
  let cost = 0;
  for (const k of used) {
    const candidate = model.candidates[k]!;
    const date = model.blocks[candidate.block]!.localDate;
    let day = dayNumber.get(date);
    if (day === undefined) dayNumber.set(date, (day = dayNumber.size));
    const key = candidate.clinician * model.blocks.length + day;
    const placedBefore = perDay.get(key) ?? 0;
    perDay.set(key, placedBefore + 1);
    cost += candidate.cost + model.costs.dayLoadStep * ((model.bookedPerDay[candidate.clinician]!.get(date) ?? 0) + placedBefore);
  }
  return cost;
}

function proposalOf(
  week: WeekToSchedule,
  model: WeekModel,
  used: number[],
  provenOptimal: boolean,
  flowSolves: number,
): WeekProposal {
  const rooms = week.rooms.map((r) => ({ id: r.id, busy: r.busy, size: r.sessionsAtOnce ?? 1 }));
  const placedPerLine = new Array<number>(model.lines.length).fill(0);
  const perDay = new Map<string, number>();
  const ordered = [...used].sort((a, b) => {
    const x = model.candidates[a]!;
    const y = model.candidates[b]!;
    return x.block - y.block || x.clinician - y.clinician || a - b;
  });
  const roomUse = new Map<number, number[]>();
  const placements = ordered.map((k) => {
    const candidate = model.candidates[k]!;
    const line = model.lines[candidate.line]!;
    const block = model.blocks[candidate.block]!;
    placedPerLine[candidate.line]!++;
    const dayKey = `${candidate.clinician}|${block.localDate}`;
    perDay.set(dayKey, (perDay.get(dayKey) ?? 0) + 1);
    // Rooms free for the whole block are interchangeable within it: fill them in the caller's order.
    const taken = roomUse.get(candidate.block) ?? rooms.map(() => 0);
    roomUse.set(candidate.block, taken);
    const room = rooms.findIndex((r, i) => taken[i]! < r.size && !r.busy.some((b) => b.start < block.end && block.start < b.end));
    taken[room]!++;
    return {
      participantId: week.participants[line.participant]!.id,
      kind: line.kind,
      clinicianId: week.clinicians[candidate.clinician]!.id,
      roomId: rooms[room]!.id,
      start: block.start,
      end: block.start + APPOINTMENT_KIND_RULES[line.kind].lengthMinutes * 60_000,
    };
  });
  const unplaced: UnplacedRequest[] = [];
  model.lines.forEach((line, l) => {
    const missing = line.count - placedPerLine[l]!;
    if (missing <= 0) return;
    let reason = model.staticReasons[l];
    if (!reason) {
      const allAtMax = model.commonTimeBlocks[l]!.every((pair) => {
        const clinician = Math.floor(pair / model.blocks.length);
        const block = pair % model.blocks.length;
        const date = model.blocks[block]!.localDate;
        const load = (model.bookedPerDay[clinician]!.get(date) ?? 0) + (perDay.get(`${clinician}|${date}`) ?? 0);
        return model.blocks[block]!.roomCapacity === 0 || load >= week.clinicians[clinician]!.maxSessionsPerDay;
      });
      reason = allAtMax ? 'clinician_at_max' : 'taken_by_other_requests';
    }
    unplaced.push({ participantId: week.participants[line.participant]!.id, kind: line.kind, count: missing, reason });
  });
  return { placements, unplaced, cost: objectiveOf(model, used), provenOptimal, flowSolves };
}

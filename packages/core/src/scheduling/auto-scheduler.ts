/**
 * Weekly auto-scheduler: places a week's required individual, family and psychiatry appointments, most placements
 * first, then least cost (primary clinician, usual time, convex load on each clinician's day), never moving what is
 * booked.
 *
 * Exact method. Each unit of flow is one appointment on the path
 *   source → request (participant × kind) → (participant's group, block) → [pool] → (clinician, block) → (clinician, day) → sink
 * (week-network.ts; clinicians who cost the same for a group in a block are reached through one pool node) where a group is the participant's kinds that the same clinicians see (individual and family, say). The network
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
 * nothing to resolve is proven optimal in a handful of solves. Before branching, a node also tries a primal heuristic
 * (movedApart: keep each participant's more movable groups out of all their other appointments' blocks and re-solve);
 * when that valid week reaches the node's bound, the node needs no branching at all. The network splits into components (participants and
 * clinicians linked by eligibility); a side only re-solves the components whose arcs it changed. Best bound first,
 * ties by order opened; the search stops when no open side can beat the best proposal, which is then optimal.
 * Every step is deterministic (arc order, tie-breaking by order opened), so identical input gives identical output.
 */
import { APPOINTMENT_KIND_RULES, type AppointmentKind } from './appointment-kinds.ts';
import { buildWeekShape, placementsOfLine, type UnplacedReason, type WeekShape, type WeekToSchedule } from './week-model.ts';
import { buildWeekNetwork, placementsOfFlow, type Closure, type Component, type Placed, type WeekNetwork } from './week-network.ts';

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

/** The solver's phases, in the order it goes through them. */
export const SOLVER_PHASES = ['building-network', 'solving', 'explaining-unplaced'] as const;
export type SolverPhase = (typeof SOLVER_PHASES)[number];

/**
 * Where a solve is. While solving, `done` counts the flow solves so far and `total` is `maxFlowSolves`, the most it
 * may take (an exact search does not know beforehand how many it needs; most weeks take a handful). Other phases have
 * no count (null).
 */
export interface SolverProgress {
  phase: SolverPhase;
  done: number | null;
  total: number | null;
}

/** While solving, progress is reported every this many flow solves (each is a whole min-cost flow, milliseconds). */
export const SOLVER_PROGRESS_EVERY_SOLVES = 4;

export interface AutoScheduleOptions {
  /** Safety stop for pathological weeks; the best proposal so far is returned with provenOptimal false. */
  maxFlowSolves?: number;
  /**
   * Told where the solve is: at the start of each phase and, while solving, every SOLVER_PROGRESS_EVERY_SOLVES flow
   * solves; never from inside a flow solve. Progress only moves forward. The proposal is the same with or without it.
   */
  onProgress?: (progress: SolverProgress) => void;
}


/** A component's arcs closed on one side of the search, and its flow there (solved when first needed). */
interface ComponentState {
  closed: readonly number[];
  solved: { objective: number; used: Placed[] } | null;
}

interface SearchNode {
  components: ComponentState[];
  /** A lower bound on every week in this side: its own flow's objective once solved, else its parent's. */
  bound: number;
  order: number;
  solved: boolean;
}

/** A side rule broken by a flow, and the sides that together hold every week keeping it (each closes some arcs). */
type Violation = Closure[][];

/** The exact best placement of a week's requests, with every unplaced request and its reason. Deterministic. */
export function autoScheduleWeek(week: WeekToSchedule, options: AutoScheduleOptions = {}): WeekProposal {
  const report = options.onProgress ?? (() => undefined);
  const maxFlowSolves = options.maxFlowSolves ?? 1000;
  report({ phase: 'building-network', done: null, total: null });
  const model = buildWeekShape(week);
  const network = buildWeekNetwork(model, week.clinicians.length);
  report({ phase: 'solving', done: 0, total: maxFlowSolves });
  const search = new Search(week, model, network, maxFlowSolves, (done) => report({ phase: 'solving', done, total: maxFlowSolves }));
  const best = search.run();
  report({ phase: 'solving', done: search.flowSolves, total: maxFlowSolves });
  report({ phase: 'explaining-unplaced', done: null, total: null });
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
  private best: { objective: number; used: Placed[] } | null = null;
  private opened = 0;
  private participantLines: Map<number, number[]> | null = null;

  constructor(
    private readonly week: WeekToSchedule,
    private readonly model: WeekShape,
    private readonly network: WeekNetwork,
    private readonly maxFlowSolves: number,
    /** Told the flow solves so far, every SOLVER_PROGRESS_EVERY_SOLVES of them. */
    private readonly solved: (flowSolves: number) => void,
  ) {}

  /** Counts a flow solve, and reports the count every SOLVER_PROGRESS_EVERY_SOLVES. */
  private counted(): void {
    this.flowSolves++;
    if (this.flowSolves % SOLVER_PROGRESS_EVERY_SOLVES === 0) this.solved(this.flowSolves);
  }

  run(): { objective: number; used: Placed[] } | null {
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
      // Before branching, try to settle the node with a valid week as good as its bound (then nothing under it can do
      // better, and the search is spared the branching).
      // Moving the group with more choices is usually cheapest; if not, moving the other may be.
      for (const fewerMove of [false, true]) {
        if (this.flowSolves < this.maxFlowSolves && !cannotBeat(node.bound, this.best)) {
          this.offer(this.repaired(this.movedApart(node, used, fewerMove)));
        }
      }
      if (cannotBeat(node.bound, this.best)) continue;
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
    this.counted();
    let objective = 0;
    node.components = node.components.map((state, i) => {
      const solved = state.solved ?? this.solveComponent(this.network.components[i]!, state.closed);
      objective += solved.objective;
      return state.solved ? state : { closed: state.closed, solved };
    });
    node.bound = objective;
    node.solved = true;
  }

  private solveComponent(component: Component, closed: readonly number[]): { objective: number; used: Placed[] } {
    let result: { cost: number; arcFlow: Float64Array };
    if (!component.root) {
      // The unclosed component is solved from scratch once; every side of the search starts from that optimum.
      result = component.solver.solve(0, 1, 'min-cost');
      component.root = component.solver.root(0, 1);
      if (closed.length > 0) result = component.solver.resolve(component.root, closed);
    } else result = component.solver.resolve(component.root, closed);
    return { objective: result.cost, used: placementsOfFlow(component, result.arcFlow, this.model.blocks.length) };
  }

  /**
   * A primal heuristic, not a side of the search: the node's flow re-solved with every participant's more movable
   * groups (more choices per unit, as in the dive) kept out of every block where the participant has another
   * appointment. Psychiatry visits that clash with therapy then move to another block without landing on the
   * participant's therapy elsewhere, which a dive that forbids one clash at a time keeps doing when many blocks cost the
   * same. The result is made valid (`repaired`) and offered as a proposal; the search's bounds stay what prove it.
   */
  private movedApart(node: SearchNode, used: readonly Placed[], fewerMove: boolean): Placed[] {
    const { model, network } = this;
    const placedOf = new Map<number, Placed[]>();
    for (const placed of used) {
      const participant = model.lines[placed.line]!.participant;
      const list = placedOf.get(participant);
      if (list) list.push(placed);
      else placedOf.set(participant, [placed]);
    }
    const extra = new Map<number, number[]>();
    for (const [participant, placed] of placedOf) {
      if (placed.length < 2) continue;
      // The anchor is the placement with the fewest choices per unit (most, when `fewerMove`); every other group of the
      // participant moves.
      let anchor = placed[0]!;
      for (const p of placed) {
        const difference = network.choicesPerUnit[p.line]! - network.choicesPerUnit[anchor.line]!;
        if (fewerMove ? difference > 0 : difference < 0) anchor = p;
      }
      const anchorGroup = model.lineGroup[anchor.line]!;
      for (const line of this.linesOf(participant)) {
        const group = model.lineGroup[line]!;
        if (group === anchorGroup) continue;
        for (const other of placed) {
          if (model.lineGroup[other.line] === group) continue;
          for (const { component, arc } of network.kindClosures(line, other.block)) {
            const list = extra.get(component);
            if (list) list.push(arc);
            else extra.set(component, [arc]);
          }
        }
      }
    }
    if (extra.size === 0) return [...used];
    this.counted();
    return node.components.flatMap((state, i) => {
      const more = extra.get(i);
      if (!more) return state.solved!.used;
      return this.solveComponent(this.network.components[i]!, [...state.closed, ...more]).used;
    });
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
  private violations(used: Placed[]): Violation[] {
    const { model, network } = this;
    const B = model.blocks.length;
    const found: Violation[] = [];
    const firstInParticipantBlock = new Map<number, Placed>();
    const usersOfBlock = new Map<number, number[]>();
    for (const candidate of used) {
      const participant = model.lines[candidate.line]!.participant;
      const key = participant * B + candidate.block;
      const earlier = firstInParticipantBlock.get(key);
      if (earlier === undefined) firstInParticipantBlock.set(key, candidate);
      else {
        // Two groups of one participant in one block (say psychiatry and individual): in any valid week one of the two
        // groups is not in this block. Dive first into the side that re-solves the smaller component.
        const groupSide = (group: number): Closure[] =>
          this.linesOf(participant).flatMap((l) => {
            return model.lineGroup[l] === group ? network.kindClosures(l, candidate.block) : [];
          });
        const a = groupSide(model.lineGroup[earlier.line]!);
        const b = groupSide(model.lineGroup[candidate.line]!);
        // Dive into moving the placement with more alternatives per unit (a psychiatry visit any prescriber can give at
        // no preferred time, rather than the session at the usual time with the primary clinician).
        const choices = (p: Placed) => network.choicesPerUnit[p.line]!;
        found.push(choices(earlier) > choices(candidate) ? [a, b] : [b, a]);
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
      const sides = clinicians.slice(0, capacity + 1).map((c) => [network.clinicianBlockClosure(c, block)]);
      found.push(sides.reverse());
    }
    return found;
  }

  /** The placements minus those that break a side rule (the later of a clash, those past a block's rooms): valid. */
  private repaired(used: Placed[]): Placed[] {
    const B = this.model.blocks.length;
    const participantBlocks = new Set<number>();
    const roomUse = new Map<number, number>();
    return used.filter((candidate) => {
      const participantBlock = this.model.lines[candidate.line]!.participant * B + candidate.block;
      const rooms = roomUse.get(candidate.block) ?? 0;
      if (participantBlocks.has(participantBlock) || rooms >= this.model.blocks[candidate.block]!.roomCapacity) return false;
      participantBlocks.add(participantBlock);
      roomUse.set(candidate.block, rooms + 1);
      return true;
    });
  }

  /** Keeps a valid set of placements as the best proposal if it places more or costs less. */
  private offer(used: Placed[]): void {
    const objective = objectiveOf(this.model, used) - this.network.reward * used.length;
    if (!this.best || objective < this.best.objective) this.best = { objective, used };
  }
}

/** Preference cost of a set of placements: their own costs plus each clinician-day's convex load. */
function objectiveOf(model: WeekShape, used: readonly Placed[]): number {
  const D = model.dates.length;
  const perDay = new Map<number, number>();
  let cost = 0;
  for (const placed of used) {
    const day = model.dayOfBlock[placed.block]!;
    const key = placed.clinician * D + day;
    const placedBefore = perDay.get(key) ?? 0;
    perDay.set(key, placedBefore + 1);
    const booked = model.bookedPerDay[placed.clinician]!.get(model.dates[day]!) ?? 0;
    cost += placed.cost + model.costs.dayLoadStep * (booked + placedBefore);
  }
  return cost;
}

function proposalOf(
  week: WeekToSchedule,
  model: WeekShape,
  used: Placed[],
  provenOptimal: boolean,
  flowSolves: number,
): WeekProposal {
  const rooms = week.rooms.map((r) => ({ id: r.id, busy: r.busy, size: r.sessionsAtOnce ?? 1 }));
  const placedPerLine = new Array<number>(model.lines.length).fill(0);
  const perDay = new Map<string, number>();
  const ordered = [...used].sort((x, y) => x.block - y.block || x.clinician - y.clinician || x.line - y.line);
  const roomUse = new Map<number, number[]>();
  const placements = ordered.map((candidate) => {
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
      const allAtMax = placementsOfLine(model, l).common.every((pair) => {
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

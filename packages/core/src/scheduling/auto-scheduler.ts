/**
 * Weekly auto-scheduler: places a week's required individual, family and psychiatry appointments, most placements
 * first, then least cost (primary clinician, usual time, lighter days), never moving what is booked.
 *
 * Exact method. Each unit of flow is one appointment on the path
 *   source → request (participant × kind) → (participant's group, block) → (clinician, block) → (block's rooms) → sink
 * where a group is the participant's kinds that the same clinicians see (individual and family, say). The network
 * holds exactly: the request counts, one appointment per participant-group per block, one per clinician per block,
 * and no more per block than free rooms; being a network, its min-cost flow is an integral optimum of those rules.
 * Two rules cut across that nesting and cannot join it: a clinician's daily maximum (a day spans blocks that other
 * clinicians share) and one appointment per participant per block across groups (psychiatry and individual, which
 * different clinicians give). So the flow optimum is a lower bound. When it breaks one of the two rules we branch
 * (this clinician-block used or not; this group in this block or no other group there) and solve each side again,
 * best bound first; Lagrangian prices on the daily maxima, found once at the root by subgradient steps, tighten every
 * side's bound. A side whose flow breaks no rule is optimal for that side, and the search stops when no open side can
 * beat the best proposal, which is then optimal. Both rules bind rarely in a real week, so the search stays small.
 * Every step is deterministic (arc order, tie-breaking by order opened), so identical input gives identical output.
 */
import { APPOINTMENT_KIND_RULES, type AppointmentKind } from './appointment-kinds.ts';
import { minCostFlow, type FlowArc } from './min-cost-flow.ts';
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

const FREE = 0;
const FORBIDDEN = -1;
const FORCED = 1;

interface Network {
  nodeCount: number;
  arcs: FlowArc[];
  /** Arcs request → (participant group, block): "this kind in this block". */
  kindArcs: { arc: number; line: number; group: number; block: number }[];
  /** Arcs (participant group, block) → (clinician, block), with the clinician-day each belongs to. */
  placeArcs: { arc: number; group: number; clinician: number; block: number; day: number }[];
  /** Per clinician-block, its arc into the block's rooms, and which clinician-block each place arc enters. */
  clinicianBlockArc: number[];
  clinicianBlockKeys: { clinician: number; block: number; day: number }[];
  /** Per clinician-day, the appointments it may still take. */
  dayCapacity: number[];
  /** Cost of one more placement; above any total of preference costs, so placing more always wins. */
  reward: number;
  /** Bonus for a forced arc; above any total of rewards and costs, so forced arcs are used whenever possible. */
  forcedBonus: number;
  /** Candidate index by `${line}|${clinician}|${block}`. */
  candidateOf: Map<string, number>;
  /** Per candidate, its clinician-block. */
  clinicianBlockOfCandidate: number[];
}

/** A node per key, numbered in first-seen order. */
function numbering<K>(first: number): { of: (key: K) => number; readonly next: number } {
  const ids = new Map<K, number>();
  let next = first;
  return {
    of: (key: K) => {
      let id = ids.get(key);
      if (id === undefined) {
        id = next++;
        ids.set(key, id);
      }
      return id;
    },
    get next() {
      return next;
    },
  };
}

function buildNetwork(model: WeekModel, maxSessions: (clinician: number) => number): Network {
  const { lines, lineGroup, candidates, blocks } = model;
  const arcs: FlowArc[] = [];
  const add = (from: number, to: number, capacity: number, cost: number) => arcs.push({ from, to, capacity, cost }) - 1;
  const source = 0;
  const sink = 1;
  const groupBlockIn = numbering<string>(2 + lines.length);
  const groupBlockSeen = new Set<number>();
  const kindArcs: Network['kindArcs'] = [];
  const kindArcOf = new Map<string, number>();
  lines.forEach((line, l) => add(source, 2 + l, line.count, 0));
  // Kind arcs first, in candidate order, then the group-block capacity of one.
  for (const candidate of candidates) {
    const key = `${candidate.line}|${candidate.block}`;
    if (kindArcOf.has(key)) continue;
    const node = groupBlockIn.of(`${lineGroup[candidate.line]}|${candidate.block}`);
    kindArcOf.set(key, kindArcs.length);
    kindArcs.push({ arc: add(2 + candidate.line, node, 1, 0), line: candidate.line, group: lineGroup[candidate.line]!, block: candidate.block });
    groupBlockSeen.add(node);
  }
  const outOf = new Map<number, number>();
  let nodeCount = groupBlockIn.next;
  for (const node of groupBlockSeen) {
    outOf.set(node, nodeCount);
    add(node, nodeCount++, 1, 0);
  }
  const clinicianBlock = numbering<string>(nodeCount);
  const clinicianBlockKeys: Network['clinicianBlockKeys'] = [];
  const day = numbering<string>(0);
  const dayCapacity: number[] = [];
  const placeArcs: Network['placeArcs'] = [];
  const placeSeen = new Set<string>();
  const candidateOf = new Map<string, number>();
  const maxPlacementCost = Math.max(0, ...candidates.map((c) => c.cost));
  candidates.forEach((candidate, k) => {
    candidateOf.set(`${candidate.line}|${candidate.clinician}|${candidate.block}`, k);
    const group = lineGroup[candidate.line]!;
    const key = `${group}|${candidate.clinician}|${candidate.block}`;
    if (placeSeen.has(key)) return;
    placeSeen.add(key);
    const date = blocks[candidate.block]!.localDate;
    const dayIndex = day.of(`${candidate.clinician}|${date}`);
    if (dayIndex === dayCapacity.length) {
      dayCapacity.push(maxSessions(candidate.clinician) - (model.bookedPerDay[candidate.clinician]!.get(date) ?? 0));
    }
    const cbKey = `${candidate.clinician}|${candidate.block}`;
    const cbNode = clinicianBlock.of(cbKey);
    if (cbNode - nodeCount === clinicianBlockKeys.length) {
      clinicianBlockKeys.push({ clinician: candidate.clinician, block: candidate.block, day: dayIndex });
    }
    const from = outOf.get(groupBlockIn.of(`${group}|${candidate.block}`))!;
    // Within a group the cost depends on participant, clinician and block only, never on the kind.
    placeArcs.push({ arc: add(from, cbNode, 1, candidate.cost), group, clinician: candidate.clinician, block: candidate.block, day: dayIndex });
  });
  const clinicianBlockOfCandidate = candidates.map((c) => clinicianBlock.of(`${c.clinician}|${c.block}`) - nodeCount);
  const firstRoomsNode = clinicianBlock.next;
  const rooms = numbering<number>(firstRoomsNode);
  const roomBlocks: number[] = [];
  const clinicianBlockArc = clinicianBlockKeys.map((key, i) => {
    const node = rooms.of(key.block);
    if (node - firstRoomsNode === roomBlocks.length) roomBlocks.push(key.block);
    return add(nodeCount + i, node, 1, 0);
  });
  roomBlocks.forEach((block, i) => add(firstRoomsNode + i, sink, blocks[block]!.roomCapacity, 0));
  const units = lines.reduce((sum, l) => sum + l.count, 0);
  const reward = (units + 1) * maxPlacementCost + 1;
  const forcedBonus = (units + 1) * (reward + maxPlacementCost) + 1;
  lines.forEach((_, l) => (arcs[l]!.cost = -reward));
  return {
    nodeCount: rooms.next,
    arcs,
    kindArcs,
    placeArcs,
    clinicianBlockArc,
    clinicianBlockKeys,
    dayCapacity,
    reward,
    forcedBonus,
    candidateOf,
    clinicianBlockOfCandidate,
  };
}

interface SearchNode {
  /** Per kind arc: FREE or FORBIDDEN. */
  kindState: Int8Array;
  /** Per clinician-block: FREE, FORBIDDEN or FORCED. */
  clinicianBlockState: Int8Array;
}

interface Solved {
  /**
   * A lower bound on the side's objective (placements first, then cost: −reward × placed + cost); without day prices
   * it is also the exact objective of `used`.
   */
  objective: number;
  /** Candidates placed, as indices into the model's candidates. */
  used: number[];
}

/** Day prices of a Lagrangian relaxation of the daily maxima: a price per clinician-day, ≥ 0, in 1/64ths. */
type DayPrices = Float64Array;

function solve(network: Network, node: SearchNode, prices: DayPrices | null): Solved | null {
  const arcs = network.arcs.slice();
  let offset = 0;
  if (prices) {
    // Charging each appointment of a day its price and crediting price × capacity keeps the bound valid for any
    // prices ≥ 0 (weak duality); prices in 1/64ths keep every sum exact in floating point.
    for (const place of network.placeArcs) {
      const price = prices[place.day]!;
      if (price > 0) arcs[place.arc] = { ...arcs[place.arc]!, cost: arcs[place.arc]!.cost + price };
    }
    network.dayCapacity.forEach((capacity, day) => (offset += prices[day]! * capacity));
  }
  node.kindState.forEach((state, i) => {
    if (state === FORBIDDEN) arcs[network.kindArcs[i]!.arc] = { ...arcs[network.kindArcs[i]!.arc]!, capacity: 0 };
  });
  let forced = 0;
  node.clinicianBlockState.forEach((state, i) => {
    const arc = network.clinicianBlockArc[i]!;
    if (state === FORBIDDEN) arcs[arc] = { ...arcs[arc]!, capacity: 0 };
    if (state === FORCED) {
      arcs[arc] = { ...arcs[arc]!, cost: arcs[arc]!.cost - network.forcedBonus };
      forced++;
    }
  });
  const result = minCostFlow(network.nodeCount, arcs, 0, 1, 'min-cost');
  let forcedUsed = 0;
  node.clinicianBlockState.forEach((state, i) => {
    if (state === FORCED && result.arcFlow[network.clinicianBlockArc[i]!] === 1) forcedUsed++;
  });
  if (forcedUsed < forced) return null;
  // A group-block holds one appointment, so the one kind arc carrying flow into it names the kind of its placement.
  const kindInGroupBlock = new Map<string, number>();
  for (const kind of network.kindArcs) {
    if (result.arcFlow[kind.arc] === 1) kindInGroupBlock.set(`${kind.group}|${kind.block}`, kind.line);
  }
  const used: number[] = [];
  for (const place of network.placeArcs) {
    if (result.arcFlow[place.arc] !== 1) continue;
    const line = kindInGroupBlock.get(`${place.group}|${place.block}`)!;
    used.push(network.candidateOf.get(`${line}|${place.clinician}|${place.block}`)!);
  }
  return { objective: result.cost + forced * network.forcedBonus - offset, used };
}

type Branch =
  | { rule: 'participant'; forbidA: number[]; forbidB: number[] }
  | { rule: 'day'; clinicianBlock: number; sameDay: number[]; capacity: number };

/** The first broken rule of a flow solution, or null when the solution keeps every rule. */
function firstBrokenRule(model: WeekModel, network: Network, solved: Solved): Branch | null {
  const participantInBlock = new Map<number, number>();
  const perDay = new Map<number, number[]>();
  for (const k of solved.used) {
    const candidate = model.candidates[k]!;
    const participant = model.lines[candidate.line]!.participant;
    const key = participant * model.blocks.length + candidate.block;
    const earlier = participantInBlock.get(key);
    if (earlier !== undefined) {
      // Two groups of one participant in one block (say psychiatry and individual): either the earlier group is not
      // in this block, or it is and no other group of theirs is.
      const earlierGroup = model.lineGroup[model.candidates[earlier]!.line]!;
      const here = (line: number, block: number) => block === candidate.block && model.lines[line]!.participant === participant;
      const forbidA: number[] = [];
      const forbidB: number[] = [];
      network.kindArcs.forEach((kind, i) => {
        if (!here(kind.line, kind.block)) return;
        (model.lineGroup[kind.line] === earlierGroup ? forbidA : forbidB).push(i);
      });
      return { rule: 'participant', forbidA, forbidB };
    }
    participantInBlock.set(key, k);
    const cb = network.clinicianBlockOfCandidate[k]!;
    const day = network.clinicianBlockKeys[cb]!.day;
    const list = perDay.get(day);
    if (list) list.push(cb);
    else perDay.set(day, [cb]);
  }
  for (const [day, clinicianBlocks] of perDay) {
    const capacity = network.dayCapacity[day]!;
    if (clinicianBlocks.length <= capacity) continue;
    const clinicianBlock = clinicianBlocks.sort((a, b) => b - a)[0]!;
    const sameDay = network.clinicianBlockKeys.flatMap((key, i) => (key.day === day && i !== clinicianBlock ? [i] : []));
    return { rule: 'day', clinicianBlock, sameDay, capacity };
  }
  return null;
}

function childrenOf(node: SearchNode, branch: Branch): SearchNode[] {
  const without = { kindState: node.kindState.slice(), clinicianBlockState: node.clinicianBlockState.slice() };
  const withIt = { kindState: node.kindState.slice(), clinicianBlockState: node.clinicianBlockState.slice() };
  if (branch.rule === 'participant') {
    for (const i of branch.forbidA) without.kindState[i] = FORBIDDEN;
    for (const i of branch.forbidB) withIt.kindState[i] = FORBIDDEN;
  } else {
    without.clinicianBlockState[branch.clinicianBlock] = FORBIDDEN;
    withIt.clinicianBlockState[branch.clinicianBlock] = FORCED;
    const forcedThatDay = 1 + branch.sameDay.filter((i) => withIt.clinicianBlockState[i] === FORCED).length;
    if (forcedThatDay >= branch.capacity) {
      for (const i of branch.sameDay) if (withIt.clinicianBlockState[i] !== FORCED) withIt.clinicianBlockState[i] = FORBIDDEN;
    }
  }
  return [without, withIt];
}

/** The optimal placement of a week's requests, with every unplaced request and its reason. Deterministic. */
export function autoScheduleWeek(week: WeekToSchedule, options: AutoScheduleOptions = {}): WeekProposal {
  const model = buildWeekModel(week);
  const network = buildNetwork(model, (c) => week.clinicians[c]!.maxSessionsPerDay);
  const search = new Search(week, model, network, options.maxFlowSolves ?? 1000);
  const best = search.run();
  return proposalOf(week, model, best?.used ?? [], search.provenOptimal, search.flowSolves);
}

/** Objectives are whole numbers, so a side whose bound exceeds best − 1 cannot hold anything strictly better. */
const cannotBeat = (bound: number, best: { objective: number } | null) => best !== null && bound > best.objective - 1 + 1e-6;

class Search {
  flowSolves = 0;
  provenOptimal = true;
  private best: Solved | null = null;

  constructor(
    private readonly week: WeekToSchedule,
    private readonly model: WeekModel,
    private readonly network: Network,
    private readonly maxFlowSolves: number,
  ) {}

  run(): Solved | null {
    const root: SearchNode = {
      kindState: new Int8Array(this.network.kindArcs.length).fill(FREE),
      clinicianBlockState: new Int8Array(this.network.clinicianBlockKeys.length).fill(FREE),
    };
    const plainRoot = this.solve(root, null);
    if (!plainRoot) return null;
    if (!this.brokenRule(plainRoot)) return plainRoot;
    this.offer(this.repaired(plainRoot));
    const prices = this.dayPrices(root, plainRoot.objective);
    // Best first: the open side with the lowest bound is taken next (ties: the one opened first), so the order is
    // the same every run and the search ends as soon as no open side can beat the best proposal.
    const open: { node: SearchNode; plain: Solved; bound: number; order: number }[] = [];
    let opened = 0;
    const enqueue = (node: SearchNode, plain: Solved, bound: number) => {
      let lo = 0;
      let hi = open.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (open[mid]!.bound <= bound) lo = mid + 1;
        else hi = mid;
      }
      open.splice(lo, 0, { node, plain, bound, order: opened++ });
    };
    enqueue(root, plainRoot, this.boundWith(root, plainRoot, prices));
    while (open.length > 0) {
      const { node, plain, bound } = open.shift()!;
      if (cannotBeat(bound, this.best)) break;
      const branch = this.brokenRule(plain);
      this.offer(this.repaired(plain));
      if (!branch) {
        // The plain flow is exact for this side: nothing below it can do better.
        this.offer(plain);
        continue;
      }
      if (this.flowSolves >= this.maxFlowSolves) {
        this.provenOptimal = false;
        break;
      }
      for (const child of childrenOf(node, branch)) {
        const childPlain = this.solve(child, null);
        if (!childPlain || cannotBeat(childPlain.objective, this.best)) continue;
        const childBound = this.boundWith(child, childPlain, prices);
        if (!cannotBeat(childBound, this.best)) enqueue(child, childPlain, childBound);
      }
    }
    return this.best;
  }

  private solve(node: SearchNode, prices: DayPrices | null): Solved | null {
    this.flowSolves++;
    return solve(this.network, node, prices);
  }

  private brokenRule(solved: Solved): Branch | null {
    return firstBrokenRule(this.model, this.network, solved);
  }

  /**
   * A flow with the placements that break a rule dropped (the later of two in one participant's block, those past a
   * clinician's daily maximum): always a valid proposal, so the search has one to prune against from the start.
   */
  private repaired(solved: Solved): Solved {
    const participantBlocks = new Set<number>();
    const dayLoad = new Map<number, number>();
    const used = solved.used.filter((k) => {
      const candidate = this.model.candidates[k]!;
      const participantBlock = this.model.lines[candidate.line]!.participant * this.model.blocks.length + candidate.block;
      const day = this.network.clinicianBlockKeys[this.network.clinicianBlockOfCandidate[k]!]!.day;
      const load = dayLoad.get(day) ?? 0;
      if (participantBlocks.has(participantBlock) || load >= this.network.dayCapacity[day]!) return false;
      participantBlocks.add(participantBlock);
      dayLoad.set(day, load + 1);
      return true;
    });
    return { objective: NaN, used };
  }

  /** Keeps a flow that breaks no rule as the best proposal if it places more or costs less. */
  private offer(solved: Solved): void {
    const objective = solved.used.reduce((sum, k) => sum + this.model.candidates[k]!.cost - this.network.reward, 0);
    if (!this.best || objective < this.best.objective) this.best = { objective, used: solved.used };
  }

  /** The stronger of the plain bound and the priced one; a priced flow that breaks no rule is offered as a proposal. */
  private boundWith(node: SearchNode, plain: Solved, prices: DayPrices | null): number {
    if (!prices) return plain.objective;
    const priced = this.solve(node, prices);
    if (!priced) return Infinity;
    if (!this.brokenRule(priced)) this.offer(priced);
    return Math.max(plain.objective, priced.objective);
  }

  /**
   * Prices for the daily maxima by subgradient steps from zero (Polyak steps towards the best proposal, or towards a
   * guess above the bound before there is one): the best prices found, for bounds throughout the search.
   */
  private dayPrices(root: SearchNode, plainBound: number): DayPrices | null {
    const days = this.network.dayCapacity.length;
    let prices = new Float64Array(days);
    let bestPrices: DayPrices | null = null;
    let bestBound = plainBound;
    let scale = 1;
    let sinceImproved = 0;
    for (let iteration = 0; iteration < 40; iteration++) {
      const priced = this.solve(root, prices);
      if (!priced) return bestPrices;
      if (!this.brokenRule(priced)) this.offer(priced);
      if (priced.objective > bestBound) {
        bestBound = priced.objective;
        bestPrices = prices.slice();
        sinceImproved = 0;
      } else if (++sinceImproved >= 4) {
        scale /= 2;
        sinceImproved = 0;
      }
      if (cannotBeat(bestBound, this.best)) break;
      const usage = new Float64Array(days);
      for (const k of priced.used) usage[this.network.clinicianBlockKeys[this.network.clinicianBlockOfCandidate[k]!]!.day]!++;
      const gradient = Array.from(usage, (u, day) => u - this.network.dayCapacity[day]!);
      const norm = gradient.reduce((sum, g, day) => sum + (g > 0 || prices[day]! > 0 ? g * g : 0), 0);
      if (norm === 0) break;
      const target = this.best ? this.best.objective : bestBound + 10;
      const step = (scale * (target - priced.objective)) / norm;
      prices = prices.map((price, day) => Math.max(0, Math.round((price + step * gradient[day]!) * 64) / 64));
    }
    return bestPrices;
  }
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
  let cost = 0;
  const placements = ordered.map((k) => {
    const candidate = model.candidates[k]!;
    const line = model.lines[candidate.line]!;
    const block = model.blocks[candidate.block]!;
    placedPerLine[candidate.line]!++;
    const dayKey = `${candidate.clinician}|${block.localDate}`;
    perDay.set(dayKey, (perDay.get(dayKey) ?? 0) + 1);
    cost += candidate.cost;
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
      const allAtMax = model.commonTimeBlocks[l]!.every(({ clinician, block }) => {
        const date = model.blocks[block]!.localDate;
        const load = (model.bookedPerDay[clinician]!.get(date) ?? 0) + (perDay.get(`${clinician}|${date}`) ?? 0);
        return model.blocks[block]!.roomCapacity === 0 || load >= week.clinicians[clinician]!.maxSessionsPerDay;
      });
      reason = allAtMax ? 'clinician_at_max' : 'taken_by_other_requests';
    }
    unplaced.push({ participantId: week.participants[line.participant]!.id, kind: line.kind, count: missing, reason });
  });
  return { placements, unplaced, cost, provenOptimal, flowSolves };
}

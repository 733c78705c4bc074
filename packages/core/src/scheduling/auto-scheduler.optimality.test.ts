import { describe, expect, it } from 'vitest';
import { autoScheduleWeek } from './auto-scheduler.ts';
import { proposalViolations, realisticWeek, smallRandomWeek } from './auto-scheduler.fixtures.ts';
import { seededRandom } from '../seeded-random.ts';
import { buildWeekModel, type WeekToSchedule } from './week-model.ts';

/**
 * The best (most placements, then least cost) choice by trying every assignment of every wanted appointment to a
 * candidate or to nothing. Candidates come from the model; that they are right is checked from the raw input by
 * proposalViolations on the solver's answers.
 */
function bruteForce(week: WeekToSchedule): { placed: number; cost: number } {
  const model = buildWeekModel(week);
  const units = model.lines.flatMap((line, l) => Array.from({ length: line.count }, () => l));
  const byLine = model.lines.map((_, l) => model.candidates.flatMap((c, k) => (c.line === l ? [k] : [])));
  const chosen: number[] = [];
  let best = { placed: -1, cost: Infinity };
  const evaluate = () => {
    const ks = chosen.filter((k) => k >= 0);
    const clinicianBlock = new Set<string>();
    const participantBlock = new Set<string>();
    const roomUse = new Map<number, number>();
    const dayLoad = new Map<string, number>();
    let cost = 0;
    for (const k of ks) {
      const c = model.candidates[k]!;
      const block = model.blocks[c.block]!;
      const participant = model.lines[c.line]!.participant;
      if (clinicianBlock.has(`${c.clinician}|${c.block}`) || participantBlock.has(`${participant}|${c.block}`)) return;
      clinicianBlock.add(`${c.clinician}|${c.block}`);
      participantBlock.add(`${participant}|${c.block}`);
      roomUse.set(c.block, (roomUse.get(c.block) ?? 0) + 1);
      if (roomUse.get(c.block)! > block.roomCapacity) return;
      const day = `${c.clinician}|${block.localDate}`;
      const before = (model.bookedPerDay[c.clinician]!.get(block.localDate) ?? 0) + (dayLoad.get(day) ?? 0);
      if (before + 1 > week.clinicians[c.clinician]!.maxSessionsPerDay) return;
      dayLoad.set(day, (dayLoad.get(day) ?? 0) + 1);
      // Convex load: the day's n-th appointment (booked ones counted, from 0) costs n × dayLoadStep.
      cost += c.cost + before * model.costs.dayLoadStep;
    }
    if (ks.length > best.placed || (ks.length === best.placed && cost < best.cost)) best = { placed: ks.length, cost };
  };
  const visit = (u: number) => {
    if (u === units.length) return evaluate();
    const line = units[u]!;
    // Units of one line are interchangeable: take their candidates in increasing order so no set is tried twice.
    const floor = u > 0 && units[u - 1] === line ? chosen[u - 1]! : -Infinity;
    chosen.push(-1);
    if (floor === -Infinity || floor === -1) visit(u + 1);
    for (const k of byLine[line]!) {
      if (k <= floor) continue;
      chosen[u] = k;
      visit(u + 1);
    }
    chosen.pop();
  };
  visit(0);
  return best;
}

describe('autoScheduleWeek is optimal and keeps every rule', () => {
  it('matches brute force on 300 seeded random small weeks (DST day included)', () => {
    const random = seededRandom(9_2026);
    let branched = 0;
    for (let n = 0; n < 300; n++) {
      const week = smallRandomWeek(random);
      const proposal = autoScheduleWeek(week);
      const context = `case ${n}: ${JSON.stringify(week)}`;
      expect(proposal.provenOptimal, context).toBe(true);
      expect(proposalViolations(week, proposal), context).toEqual([]);
      expect({ placed: proposal.placements.length, cost: proposal.cost }, context).toEqual(bruteForce(week));
      if (proposal.flowSolves > 1) branched++;
    }
    // The random weeks must exercise the branching on daily maxima and on a participant's own appointments, not only the
    // cases the flow settles alone.
    expect(branched).toBeGreaterThan(10);
  }, 300_000);

  it('gives the identical proposal run after run', () => {
    const week = realisticWeek(seededRandom(3), { participants: 30, clinicians: 6, rooms: 6 });
    const first = autoScheduleWeek(week);
    expect(autoScheduleWeek(week)).toEqual(first);
    expect(autoScheduleWeek(structuredClone(week))).toEqual(first);
  }, 120_000);

  it('stopped early by its budget, still returns a valid proposal and says it is not proven optimal', () => {
    const week = realisticWeek(seededRandom(60), { participants: 60, clinicians: 8, rooms: 3 });
    const proposal = autoScheduleWeek(week, { maxFlowSolves: 3 });
    expect(proposal.provenOptimal).toBe(false);
    expect(proposalViolations(week, proposal)).toEqual([]);
    expect(proposal.placements.length).toBeGreaterThan(0);
  }, 120_000);

  it('places a realistic week (60 participants, 8 clinicians, an office each) within every rule, and prints its time', () => {
    const week = realisticWeek(seededRandom(60), { participants: 60, clinicians: 8, rooms: 8 });
    const started = performance.now();
    const proposal = autoScheduleWeek(week);
    const ms = performance.now() - started;
    const wanted = week.requests.reduce((s, r) => s + r.count, 0);
    console.log(
      `auto-scheduler, realistic week: ${wanted} appointments wanted, ${proposal.placements.length} placed, ` +
        `${proposal.unplaced.length} unplaced, cost ${proposal.cost}, ${proposal.flowSolves} flow solves, ${ms.toFixed(0)} ms`,
    );
    expect(proposal.provenOptimal).toBe(true);
    expect(proposalViolations(week, proposal)).toEqual([]);
    expect(proposal.placements.length).toBeGreaterThan(wanted * 0.8);
  }, 300_000);
});

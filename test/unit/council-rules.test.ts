/** The council's rules as plain functions: the state machine, scope, one ballot per household, quorum and outcome. */
import type { TopicScope, TopicStatus } from '../../typings/domain/council';
import {
  agendaStageOf,
  canManage,
  commentsOpen,
  decideBallot,
  decidePaperBallot,
  deadlineProblem,
  managerKey,
  maskName,
  nextStatus,
  normaliseScope,
  outcomeLabel,
  participationBlock,
  quorumNeeded,
  scopeKeys,
  scopeLabel,
  statusesAllowing,
  supportOpen,
  TRANSITIONS,
  voteResult,
  type TopicEvent,
} from '../../cloudfunctions/shared/domain/council';

const STATUSES = Object.keys(TRANSITIONS) as TopicStatus[];
const EVENTS: TopicEvent[] = [
  'accept',
  'decline',
  'merge',
  'withdraw',
  'openVote',
  'closeVote',
  'answerAdopted',
  'answerOther',
  'milestone',
  'complete',
];

describe('the topic state machine', () => {
  it('allows exactly the transitions of the council loop, and nothing else', () => {
    const allowed = STATUSES.flatMap((from) =>
      EVENTS.flatMap((event) => {
        const to = nextStatus(from, event);
        return to ? [`${from} --${event}--> ${to}`] : [];
      }),
    );
    expect(allowed.sort()).toEqual(
      [
        'proposed --accept--> discussing',
        'proposed --decline--> declined',
        'proposed --merge--> merged',
        'proposed --withdraw--> withdrawn',
        'discussing --openVote--> voting',
        'discussing --answerAdopted--> implementing',
        'discussing --answerOther--> decided',
        'voting --closeVote--> decided',
        'decided --answerAdopted--> implementing',
        'decided --answerOther--> decided',
        'implementing --milestone--> implementing',
        'implementing --complete--> completed',
      ].sort(),
    );
  });

  it.each(['completed', 'declined', 'merged', 'withdrawn'] as const)('%s is final', (status) => {
    for (const event of EVENTS) expect(nextStatus(status, event)).toBeUndefined();
  });

  it('never skips the vote-to-answer order: no answer while voting, no vote after a decision', () => {
    expect(nextStatus('voting', 'answerAdopted')).toBeUndefined();
    expect(nextStatus('decided', 'openVote')).toBeUndefined();
    expect(nextStatus('proposed', 'openVote')).toBeUndefined();
    expect(nextStatus('implementing', 'closeVote')).toBeUndefined();
    expect(statusesAllowing('openVote')).toEqual(['discussing']);
    expect(statusesAllowing('answerAdopted').sort()).toEqual(['decided', 'discussing']);
  });

  it('opens support and comments only while they matter', () => {
    expect(STATUSES.filter(supportOpen)).toEqual(['proposed', 'discussing']);
    expect(STATUSES.filter(commentsOpen)).toEqual(['proposed', 'discussing', 'voting']);
  });

  it('names the agenda stage a manager works on', () => {
    expect(agendaStageOf('decided', false)).toBe('awaiting_answer');
    expect(agendaStageOf('decided', true)).toBeUndefined();
    expect(agendaStageOf('completed', true)).toBeUndefined();
    expect(agendaStageOf('implementing', true)).toBe('implementing');
  });
});

describe('scope and who manages a topic', () => {
  it('labels and keys scopes the way the list filters them', () => {
    const scope = normaliseScope({ kind: 'buildings', buildingNos: [5, 3, 5] });
    expect(scope).toEqual({ kind: 'buildings', buildingNos: [3, 5] });
    expect(scopeLabel(scope)).toBe('3号楼、5号楼');
    expect(scopeKeys(scope)).toEqual(['b03', 'b05']);
    expect(scopeKeys({ kind: 'community' })).toEqual(['community']);
    expect(scopeLabel({ kind: 'community' })).toBe('全社区');
  });

  it('gives single-building topics to that building’s secretary, the rest to staff', () => {
    const one: TopicScope = { kind: 'buildings', buildingNos: [5] };
    const two: TopicScope = { kind: 'buildings', buildingNos: [3, 5] };
    const secretary5 = [{ kind: 'branch_secretary', buildingNo: 5 } as const];
    const staff = [{ kind: 'staff' } as const];
    expect(managerKey(one)).toBe('b05');
    expect(managerKey(two)).toBe('staff');
    expect(canManage(secretary5, one)).toBe(true);
    expect(canManage(secretary5, two)).toBe(false);
    expect(canManage(secretary5, { kind: 'community' })).toBe(false);
    expect(canManage([{ kind: 'branch_secretary', buildingNo: 3 }], one)).toBe(false);
    expect(canManage([{ kind: 'unit_leader', buildingNo: 5, unitNo: 2 }], one)).toBe(false);
    expect(canManage(staff, two)).toBe(true);
  });

  it('lets only verified residents in scope take part, and says why not', () => {
    const scope: TopicScope = { kind: 'buildings', buildingNos: [5] };
    expect(participationBlock(scope, { verified: true, buildingNo: 5 })).toBeUndefined();
    expect(participationBlock(scope, { verified: true, buildingNo: 3 })).toContain('只涉及5号楼');
    expect(participationBlock(scope, { verified: false })).toContain('审核通过后');
    expect(participationBlock({ kind: 'community' }, { verified: true, buildingNo: 12 })).toBeUndefined();
  });
});

describe('one vote per household', () => {
  it('casts the first ballot, refuses a second member, lets the voter change it', () => {
    expect(decideBallot(undefined, 'r-a', 0)).toEqual({ kind: 'cast' });
    const online = { channel: 'online' as const, castBy: 'r-a', choice: 0 };
    expect(decideBallot(online, 'r-b', 1)).toEqual({
      kind: 'refuse',
      message: expect.stringContaining('每户只能投一票'),
    });
    expect(decideBallot(online, 'r-a', 0)).toEqual({ kind: 'same' });
    expect(decideBallot(online, 'r-a', 2)).toEqual({ kind: 'change', from: 0 });
    expect(decideBallot({ channel: 'paper', choice: 1 }, 'r-a', 0).kind).toBe('refuse');
  });

  it('takes paper ballots only for households where nobody votes online', () => {
    expect(decidePaperBallot(undefined, false, 1)).toEqual({ kind: 'cast' });
    expect(decidePaperBallot(undefined, true, 1).kind).toBe('refuse');
    expect(decidePaperBallot({ channel: 'online', castBy: 'r-a', choice: 0 }, false, 1).kind).toBe('refuse');
    // A paper ballot entered wrongly can be corrected before the deadline.
    expect(decidePaperBallot({ channel: 'paper', choice: 0 }, false, 1)).toEqual({ kind: 'change', from: 0 });
  });
});

describe('quorum and outcome', () => {
  it('rounds the quorum up, and never below one household', () => {
    expect(quorumNeeded(1008, 30)).toBe(303);
    expect(quorumNeeded(84, 50)).toBe(42);
    expect(quorumNeeded(84, 25)).toBe(21);
    expect(quorumNeeded(10, 33)).toBe(4);
    expect(quorumNeeded(0, 50)).toBe(1);
    expect(quorumNeeded(100, 100)).toBe(100);
  });

  it('passes an approval vote when more than half of the households that voted agree', () => {
    const vote = (tallies: number[]) => voteResult({ kind: 'approval', tallies, electorate: 100, quorumPercent: 30 });
    expect(vote([16, 10, 4]).outcome).toBe('passed');
    // Exactly half is not more than half; abstentions count as not for.
    expect(vote([15, 10, 5]).outcome).toBe('not_passed');
    expect(vote([14, 2, 14]).outcome).toBe('not_passed');
    expect(vote([20, 5, 4])).toEqual({ tallies: [20, 5, 4], cast: 29, quorumMet: false, outcome: 'no_quorum' });
  });

  it('chooses the custom option with most votes, and decides nothing on a tie', () => {
    const vote = (tallies: number[]) => voteResult({ kind: 'choice', tallies, electorate: 50, quorumPercent: 20 });
    expect(vote([3, 7, 2])).toMatchObject({ outcome: 'chosen', winner: 1, cast: 12 });
    expect(vote([6, 6, 1]).outcome).toBe('tie');
    expect(vote([0, 0, 10])).toMatchObject({ outcome: 'chosen', winner: 2 });
  });

  it('explains the result in words', () => {
    const options = ['同意', '反对', '弃权'];
    const passed = voteResult({ kind: 'approval', tallies: [214, 53, 53], electorate: 1008, quorumPercent: 30 });
    expect(outcomeLabel(passed, options, 303)).toBe('表决通过（同意 214 户，超过投票户数的一半）');
    const short = voteResult({ kind: 'approval', tallies: [10, 2, 0], electorate: 1008, quorumPercent: 30 });
    expect(outcomeLabel(short, options, 303)).toBe('投票户数不足（12 户，需 303 户），表决无效');
    const chosen = voteResult({ kind: 'choice', tallies: [3, 9], electorate: 20, quorumPercent: 10 });
    expect(outcomeLabel(chosen, ['东侧', '西侧'], 2)).toBe('选定「西侧」（9 户）');
  });
});

describe('people and dates', () => {
  it('shows residents their neighbours’ surname, not the full name', () => {
    expect(maskName('林晓燕')).toBe('林*燕');
    expect(maskName('王芳')).toBe('王*');
    expect(maskName('欧阳明月')).toBe('欧**月');
  });

  it('accepts vote deadlines from an hour to sixty days ahead', () => {
    const now = new Date('2026-11-26T02:00:00Z');
    const hours = (h: number) => new Date(now.getTime() + h * 3600 * 1000);
    expect(deadlineProblem(hours(0.5), now)).toContain('一小时');
    expect(deadlineProblem(hours(1), now)).toBeUndefined();
    expect(deadlineProblem(hours(24 * 61), now)).toContain('60天');
    expect(deadlineProblem(new Date(Number.NaN), now)).toContain('格式');
  });
});

/** The rules of 关爱 as plain functions: due dates, alert keys and streaks, the meal gap, who reads the archive, pairing. */
import {
  alertIds,
  archiveActor,
  archiveViewer,
  autoPairing,
  DEFAULT_RULES,
  dueLabel,
  dueState,
  fieldVisible,
  frequencyLabel,
  managesBuilding,
  nextDueAt,
  noDeliveryGap,
  nobodyHomeStreak,
  outcomeLabel,
  ruleSentences,
  visibleToLabel,
} from '../../cloudfunctions/care/rules';

const wall = (text: string) => new Date(`${text}+08:00`);

describe('when a visit is due', () => {
  it('falls due the chosen days after a visit that reached the person, the next day after nobody was home', () => {
    expect(nextDueAt(wall('2026-12-01T09:30:00'), 'done', 7)).toEqual(wall('2026-12-08T23:59:59.999'));
    expect(nextDueAt(wall('2026-12-01T09:30:00'), 'follow_up', 3)).toEqual(wall('2026-12-04T23:59:59.999'));
    expect(nextDueAt(wall('2026-12-01T23:30:00'), 'nobody_home', 7)).toEqual(wall('2026-12-02T23:59:59.999'));
  });

  it('is overdue from the day after, counted in Shanghai days', () => {
    const due = wall('2026-12-08T23:59:59.999');
    expect(dueState(due, wall('2026-12-05T08:00:00'))).toBe('later');
    expect(dueLabel(due, wall('2026-12-05T08:00:00'))).toBe('12月8日前走访');
    expect(dueState(due, wall('2026-12-08T00:00:01'))).toBe('today');
    expect(dueLabel(due, wall('2026-12-08T23:00:00'))).toBe('今天该走访了');
    // 00:30 in Shanghai is still the previous day in UTC: the community's day counts.
    expect(dueState(due, wall('2026-12-09T00:30:00'))).toBe('overdue');
    expect(dueLabel(due, wall('2026-12-11T10:00:00'))).toBe('已超期3天');
  });

  it('says how often in words', () => {
    expect(frequencyLabel(7)).toBe('每周走访一次');
    expect(frequencyLabel(3)).toBe('每3天走访一次');
    expect(outcomeLabel('call', 'nobody_home')).toBe('电话没人接');
    expect(outcomeLabel('visit', 'nobody_home')).toBe('没人在家');
  });
});

describe('alerts', () => {
  it('have one key per signal', () => {
    expect(alertIds.meal('o1')).toBe('meal:o1');
    expect(alertIds.alarm('AL1', 'r1')).not.toBe(alertIds.alarm('AL1', 'r2'));
    expect(alertIds.overdue('r1', '2026-12-08')).toBe('overdue:r1:2026-12-08');
  });

  it('count "nobody home" exactly at the visit completing the streak', () => {
    const n = { outcome: 'nobody_home' as const };
    const d = { outcome: 'done' as const };
    expect(nobodyHomeStreak([n], 2)).toBe(false);
    expect(nobodyHomeStreak([n, d], 2)).toBe(false);
    expect(nobodyHomeStreak([n, n], 2)).toBe(true);
    expect(nobodyHomeStreak([n, n, d], 2)).toBe(true);
    // A third in a row does not alert again.
    expect(nobodyHomeStreak([n, n, n], 2)).toBe(false);
    expect(nobodyHomeStreak([n, n, n, d], 3)).toBe(true);
  });

  it('find a gap in standing meal deliveries only after the rule’s full days', () => {
    const since = wall('2026-11-01T10:00:00');
    expect(noDeliveryGap('2026-12-01', since, 3, wall('2026-12-04T10:30:00'))).toBeNull();
    expect(noDeliveryGap('2026-12-01', since, 3, wall('2026-12-05T10:30:00'))).toBe('2026-12-01');
    // Never ordered: counted from when the arrangement began.
    expect(noDeliveryGap(undefined, wall('2026-12-03T15:00:00'), 3, wall('2026-12-06T10:30:00'))).toBeNull();
    expect(noDeliveryGap(undefined, wall('2026-12-03T15:00:00'), 3, wall('2026-12-07T10:30:00'))).toBe('2026-12-03');
  });

  it('are explained in plain words, with the configured numbers', () => {
    const sentences = ruleSentences({ ...DEFAULT_RULES, noDelivery: { enabled: false, days: 5 } });
    expect(sentences.map((rule) => rule.key)).toEqual(['meal', 'alarm', 'noDelivery', 'nobodyHome', 'overdue']);
    expect(sentences[2]).toEqual({
      key: 'noDelivery',
      enabled: false,
      text: expect.stringContaining('连续5天没有订餐'),
    });
    expect(sentences[4]!.text).toContain('超过3天仍未走访，再提醒楼栋党支部书记');
  });
});

describe('the archive', () => {
  it('is read by the person, a bound relative, an assigned carer — and nobody else', () => {
    expect(archiveViewer({ self: true, relative: false, carer: false })).toBe('self');
    expect(archiveViewer({ self: false, relative: true, carer: true })).toBe('relative');
    expect(archiveViewer({ self: false, relative: false, carer: true })).toBe('carer');
    expect(archiveViewer({ self: false, relative: false, carer: false })).toBeNull();
  });

  it('shows each field to whom the person shared it with', () => {
    const share = { relatives: true, carers: false };
    expect(fieldVisible('self', { relatives: false, carers: false })).toBe(true);
    expect(fieldVisible('relative', share)).toBe(true);
    expect(fieldVisible('carer', share)).toBe(false);
    expect(visibleToLabel(share)).toBe('本人、亲属可见');
    expect(visibleToLabel({ relatives: false, carers: false })).toBe('仅本人可见');
    expect(visibleToLabel({ relatives: true, carers: true })).toBe('本人、亲属、走访党员可见');
  });

  it('is changed by the person, by a relative only for a senior without WeChat, erased by staff on request', () => {
    expect(archiveActor('self', true, false, 'edit')).toBe('self');
    expect(archiveActor('relative', true, false, 'edit')).toBeNull();
    expect(archiveActor('relative', false, false, 'export')).toBe('proxy');
    expect(archiveActor('carer', false, false, 'edit')).toBeNull();
    expect(archiveActor(null, true, true, 'edit')).toBeNull();
    expect(archiveActor(null, true, true, 'erase')).toBe('staff');
  });
});

describe('pairing', () => {
  it('spreads a unit’s households over its Party members by load, never pairing one with their own home', () => {
    const households = ['h1', 'h2', 'h3', 'h4'].map((householdId) => ({ householdId }));
    const plan = autoPairing(
      households,
      [
        { residentId: 'a', householdId: 'h1', load: 0 },
        { residentId: 'b', householdId: 'h2', load: 1 },
      ],
      'leader',
    );
    // b already has one household: a takes the next ones until they are level.
    expect(Object.fromEntries(plan)).toEqual({ h1: 'b', h2: 'a', h3: 'a', h4: 'a' });
  });

  it('falls back to the unit leader where the unit has no Party member', () => {
    expect([...autoPairing([{ householdId: 'h1' }], [], 'leader').values()]).toEqual(['leader']);
    expect(autoPairing([{ householdId: 'h1' }], [], undefined).size).toBe(0);
  });

  it('is managed by staff everywhere, a secretary in their building', () => {
    expect(managesBuilding([{ kind: 'staff' }], 9)).toBe(true);
    expect(managesBuilding([{ kind: 'branch_secretary', buildingNo: 5 }], 5)).toBe(true);
    expect(managesBuilding([{ kind: 'branch_secretary', buildingNo: 5 }], 3)).toBe(false);
    expect(managesBuilding([{ kind: 'unit_leader', buildingNo: 5, unitNo: 1 }], 5)).toBe(false);
  });
});

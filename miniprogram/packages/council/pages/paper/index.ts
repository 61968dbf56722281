/**
 * 录入纸质选票 (the building's branch secretary, or staff): the households of a unit with
 * where each stands — voted in the app, paper ballot entered, someone uses WeChat (they
 * vote there), or a paper ballot may be entered. Tapping a household asks for the option
 * written on its slip. How a household voted is never shown, not even here. Load:
 * council.paperRoll; enter: council.paperVote.
 */
import type { PaperRollHousehold } from '../../../../../typings/domain/council';
import type { CouncilActions } from '../../../../../typings/functions/council';
import { elderBehavior } from '../../../../behaviors/elder';
import type { StatusTag } from '../../../../pages/council/status';
import { call, errorMessage, showApiError } from '../../../../services/api';

type State = 'loading' | 'error' | 'ready';
type Roll = CouncilActions['paperRoll']['output'];

interface HouseholdRow {
  householdId: string;
  address: string;
  people: string;
  tag: StatusTag;
  paperAllowed: boolean;
}

export function householdTag(household: PaperRollHousehold): StatusTag {
  if (household.voted && household.channel === 'paper')
    return { text: '已录入纸质票（可更正）', theme: 'success', icon: 'check-circle' };
  if (household.voted) return { text: '已在小程序投票', theme: 'default', icon: 'check' };
  if (household.hasWeChat) return { text: '有家人用微信，请其在小程序投票', theme: 'default', icon: 'mobile' };
  return { text: '未投票，可录入纸质票', theme: 'primary', icon: 'edit' };
}

function rows(roll: Roll): HouseholdRow[] {
  return roll.households.map((household) => ({
    householdId: household.householdId,
    address: household.address,
    people: household.residents.length ? household.residents.join('、') : '（没有登记的住户）',
    tag: householdTag(household),
    paperAllowed: household.paperAllowed,
  }));
}

Component({
  behaviors: [elderBehavior],
  data: {
    id: '',
    state: 'loading' as State,
    errorMessage: '',
    roll: null as Roll | null,
    households: [] as HouseholdRow[],
    unitTabs: [] as Array<{ value: number; label: string }>,
    busy: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
      void this.load();
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load();
    },
    async load(buildingNo?: number, unitNo?: number) {
      if (!this.data.id) {
        this.setData({ state: 'error', errorMessage: '没有找到这个议题，请从议事管理进入' });
        return;
      }
      try {
        const roll = await call('council', 'paperRoll', {
          id: this.data.id,
          ...(buildingNo ? { buildingNo } : {}),
          ...(unitNo ? { unitNo } : {}),
        });
        this.setData({
          state: 'ready',
          roll,
          households: rows(roll),
          unitTabs: roll.units.map((unit) => ({ value: unit, label: `${unit}单元` })),
        });
      } catch (error) {
        if (this.data.state === 'ready') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    onBuildingTap(event: WechatMiniprogram.TouchEvent<object, object, { no: number }>) {
      void this.load(Number(event.currentTarget.dataset.no), 1);
    },
    onUnitChange(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      void this.load(this.data.roll!.buildingNo, Number(event.detail.value));
    },
    onHouseholdTap(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      const roll = this.data.roll!;
      const row = this.data.households.find((each) => each.householdId === event.currentTarget.dataset.id);
      if (!row) return;
      if (!row.paperAllowed) {
        wx.showToast({ title: row.tag.text, icon: 'none', duration: 3000 });
        return;
      }
      wx.showActionSheet({
        itemList: roll.options,
        alertText: `${row.address}的纸质选票上写的是：`,
        success: (result) => void this.enter(row, result.tapIndex),
      });
    },
    async enter(row: HouseholdRow, choice: number) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const result = await call('council', 'paperVote', { id: this.data.id, householdId: row.householdId, choice });
        wx.showToast({ title: `已录入${row.address}，共 ${result.cast} 户已投票`, icon: 'none', duration: 3000 });
        await this.load(this.data.roll!.buildingNo, this.data.roll!.unitNo);
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});

/**
 * 党员联系户 (branch secretary, staff): per building and unit, each household's contacts
 * and the unpaired ones marked in words; 按单元自动结对 gives a unit's unpaired households
 * its own Party members (care.autoPair); one household's contacts are changed with its
 * version (care.savePair). Staff choose the building first. One call per building.
 */
import type { PairingHousehold, PairingView } from '../../../../../typings/domain/care';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call, showApiError } from '../../../../services/api';

type Row = PairingHousehold & { contactsLabel: string };
type Unit = Omit<PairingView['units'][number], 'households'> & { shown: Row[] };

/** The units as shown: every household or only the unpaired, each with its contacts in words. */
export function unitsOf(view: PairingView, unpairedOnly: boolean): Unit[] {
  return view.units.map(({ households, ...unit }) => ({
    ...unit,
    shown: households
      .filter((household) => !unpairedOnly || !household.contacts.length)
      .map((household) => ({
        ...household,
        contactsLabel: household.contacts.map((contact) => `${contact.name}（${contact.roleLabel}）`).join('、'),
      })),
  }));
}

Component({
  behaviors: [elderBehavior, loadable<{ view: PairingView; units: Unit[] }>()],
  data: {
    buildingNo: 0,
    view: null as PairingView | null,
    units: [] as Unit[],
    unpairedOnly: false,
    editing: '',
    chosen: [] as string[],
    candidateOptions: [] as Array<{ value: string; label: string }>,
    busy: false,
  },
  methods: {
    onLoad(query: { building?: string }) {
      this.setData({ buildingNo: Number(query.building ?? 0) });
      void this.load();
    },
    async fetch() {
      const view = await call('care', 'pairing', this.data.buildingNo ? { buildingNo: this.data.buildingNo } : {});
      return { view, units: unitsOf(view, this.data.unpairedOnly), ...this.candidatesOf(view) };
    },
    candidatesOf(view: PairingView) {
      return {
        candidateOptions: view.candidates.map((candidate) => ({
          value: candidate.residentId,
          label: `${candidate.name}（${candidate.roleLabel}，已联系${candidate.load}户）`,
        })),
      };
    },
    onBuilding(event: WechatMiniprogram.TouchEvent<object, object, { no: number }>) {
      this.setData({ buildingNo: event.currentTarget.dataset.no, editing: '' });
      void this.load();
    },
    onUnpairedOnly(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      const view = this.data.view;
      this.setData({ unpairedOnly: event.detail.value, ...(view ? { units: unitsOf(view, event.detail.value) } : {}) });
    },
    onEdit(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      const household = this.household(event.currentTarget.dataset.id);
      if (!household) return;
      this.setData({ editing: household.householdId, chosen: household.contacts.map((contact) => contact.residentId) });
    },
    household(id: string): PairingHousehold | undefined {
      return this.data.view?.units.flatMap((unit) => unit.households).find((household) => household.householdId === id);
    },
    onChoose(event: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      this.setData({ chosen: event.detail.value });
    },
    onCancel() {
      this.setData({ editing: '' });
    },
    async onSave() {
      const household = this.household(this.data.editing);
      if (!household || this.data.busy) return;
      this.setData({ busy: true });
      try {
        await call('care', 'savePair', {
          householdId: household.householdId,
          contactIds: this.data.chosen,
          version: household.version,
        });
        wx.showToast({ title: `${household.label}已保存`, icon: 'none' });
        this.setData({ editing: '' });
        await this.load();
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    async onAutoPair(event: WechatMiniprogram.TouchEvent<object, object, { unit: number }>) {
      const view = this.data.view;
      if (!view?.buildingNo || this.data.busy) return;
      this.setData({ busy: true });
      try {
        const { paired, view: next } = await call('care', 'autoPair', {
          buildingNo: view.buildingNo,
          unitNo: event.currentTarget.dataset.unit,
        });
        this.setData({ view: next, units: unitsOf(next, this.data.unpairedOnly), ...this.candidatesOf(next) });
        wx.showToast({ title: paired ? `已为${paired}户安排联系党员` : '这个单元没有可自动安排的住户', icon: 'none' });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});

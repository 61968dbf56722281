/**
 * 身份任免 (staff): find a person, see their roles, revoke one (asked first) or give one.
 * A scoped role names its building, unit or team from what exists (community.roleOptions);
 * the server checks the rules (a unit leader lives in the unit, a branch secretary is a
 * Party member, one secretary per building) and says why in words when it refuses.
 */
import type { Role } from '../../../../../typings/domain/community';
import type { DirectoryEntry, RoleOptions } from '../../../../../typings/functions/community';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';
import { EMPTY_CHOICE, KIND_OPTIONS, roleOf, scopeOf, type RoleChoice } from './view';

type State = 'idle' | 'loading' | 'error' | 'ready';

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'idle' as State,
    errorMessage: '',
    query: '',
    results: [] as DirectoryEntry[],
    selected: null as DirectoryEntry | null,
    options: null as RoleOptions | null,
    kinds: KIND_OPTIONS,
    choice: { ...EMPTY_CHOICE } as RoleChoice,
    scope: 'none' as ReturnType<typeof scopeOf>,
    units: [] as number[],
    ready: false,
    saving: false,
    dialog: { visible: false, title: '', content: '', index: -1 },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const name = query.name ? decodeURIComponent(query.name) : '';
      const residentId = query.residentId ? decodeURIComponent(query.residentId) : '';
      if (name) {
        this.setData({ query: name });
        void this.search(residentId);
      }
    },
    onQuery(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ query: event.detail.value });
    },
    onSearch() {
      void this.search('');
    },
    async search(pick: string) {
      const query = this.data.query.trim();
      if (!query) return;
      this.setData({ state: 'loading', errorMessage: '', selected: null });
      try {
        const result = await call('community', 'directory', { query, includeUnbound: true });
        this.setData({ state: 'ready', results: result.items });
        const match = result.items.find((entry) => entry.residentId === pick);
        if (match) await this.select(match);
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    async onPick(event: WechatMiniprogram.TouchEvent) {
      const id = (event.currentTarget.dataset as { id: string }).id;
      const entry = this.data.results.find((item) => item.residentId === id);
      if (entry) await this.select(entry);
    },
    async select(entry: DirectoryEntry) {
      this.setData({ selected: entry, choice: { ...EMPTY_CHOICE }, scope: 'none', ready: false });
      if (this.data.options) return;
      try {
        this.setData({ options: await call('community', 'roleOptions', {}) });
      } catch (error) {
        showApiError(error);
      }
    },
    onBack() {
      this.setData({ selected: null });
    },
    onKind(event: WechatMiniprogram.TouchEvent) {
      const kind = (event.currentTarget.dataset as { kind: RoleChoice['kind'] }).kind;
      this.update({ ...EMPTY_CHOICE, kind });
    },
    onBuilding(event: WechatMiniprogram.TouchEvent) {
      const buildingNo = Number((event.currentTarget.dataset as { no: string }).no);
      this.update({ ...this.data.choice, buildingNo, unitNo: null });
    },
    onUnit(event: WechatMiniprogram.TouchEvent) {
      const unitNo = Number((event.currentTarget.dataset as { no: string }).no);
      this.update({ ...this.data.choice, unitNo });
    },
    onTeam(event: WechatMiniprogram.TouchEvent) {
      const teamId = (event.currentTarget.dataset as { id: string }).id;
      this.update({ ...this.data.choice, teamId });
    },
    update(choice: RoleChoice) {
      const building = this.data.options?.buildings.find((b) => b.no === choice.buildingNo);
      this.setData({
        choice,
        scope: scopeOf(choice.kind),
        units: building ? Array.from({ length: building.units }, (_, i) => i + 1) : [],
        ready: roleOf(choice) !== null,
      });
    },
    async onAssign() {
      const role = roleOf(this.data.choice);
      const selected = this.data.selected;
      if (!role || !selected || this.data.saving) return;
      this.setData({ saving: true });
      try {
        const entry = await call('community', 'assignRole', { residentId: selected.residentId, role });
        this.setData({ selected: entry, choice: { ...EMPTY_CHOICE }, scope: 'none', ready: false });
        wx.showToast({ title: '已任命', icon: 'success', duration: 1500 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ saving: false });
      }
    },
    onRevoke(event: WechatMiniprogram.TouchEvent) {
      const index = Number((event.currentTarget.dataset as { index: string }).index);
      const selected = this.data.selected;
      const label = selected?.roles[index]?.label;
      if (!label) return;
      this.setData({
        dialog: { visible: true, title: `撤销${selected.name}的身份？`, content: label, index },
      });
    },
    onDialogCancel() {
      this.setData({ 'dialog.visible': false, 'dialog.index': -1 });
    },
    async onDialogConfirm() {
      const index = this.data.dialog.index;
      this.setData({ 'dialog.visible': false, 'dialog.index': -1 });
      const selected = this.data.selected;
      const role: Role | undefined = selected?.roleList[index];
      if (!selected || !role || this.data.saving) return;
      this.setData({ saving: true });
      try {
        const entry = await call('community', 'revokeRole', { residentId: selected.residentId, role });
        this.setData({ selected: entry });
        wx.showToast({ title: '已撤销', icon: 'success', duration: 1500 });
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});

/**
 * 报事类别与分派 (community staff): the categories residents choose from, where each one
 * goes (the building's Party branch, community staff or a volunteer team), which are
 * safety categories (urgent ones also alert staff), and the common spots residents pick.
 * Saved with the version it started from, so two staff editing at once cannot overwrite
 * each other unknowingly.
 */
import type { CategoryRoute, ReportCategory, ReportSpot } from '../../../../../typings/domain/report';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';

type State = 'loading' | 'error' | 'ready';
type RouteKind = CategoryRoute['kind'];

export const ROUTE_CHOICES: Array<{ label: string; value: RouteKind }> = [
  { label: '所在楼栋党支部', value: 'building' },
  { label: '社区工作人员', value: 'staff' },
  { label: '志愿服务队', value: 'team' },
];

interface CategoryRow extends ReportCategory {
  routeKind: RouteKind;
  teamId: string;
}

interface SpotRow extends ReportSpot {
  building: string;
}

function categoryRow(category: ReportCategory): CategoryRow {
  return {
    ...category,
    routeKind: category.route.kind,
    teamId: category.route.kind === 'team' ? category.route.teamId : '',
  };
}

function toCategory(row: CategoryRow): ReportCategory {
  const route: CategoryRoute =
    row.routeKind === 'team' ? { kind: 'team', teamId: row.teamId } : { kind: row.routeKind };
  return {
    id: row.id,
    label: row.label.trim(),
    hint: row.hint.trim(),
    route,
    safety: row.safety,
    enabled: row.enabled,
  };
}

function toSpot(row: SpotRow): ReportSpot {
  const buildingNo = Number(row.building);
  return {
    id: row.id,
    label: row.label.trim(),
    ...(row.building && buildingNo > 0 ? { buildingNo } : {}),
    ...(row.latitude !== undefined && row.longitude !== undefined
      ? { latitude: row.latitude, longitude: row.longitude }
      : {}),
    enabled: row.enabled,
  };
}

function newKey(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 36 * 36).toString(36)}`;
}

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    version: 0,
    updated: '',
    categories: [] as CategoryRow[],
    spots: [] as SpotRow[],
    teams: [] as Array<{ label: string; value: string }>,
    routeChoices: ROUTE_CHOICES,
    problem: '',
    saving: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load();
    },
    async load() {
      try {
        const config = await call('report', 'config', {});
        this.setData({
          state: 'ready',
          version: config.version,
          updated: config.updatedLabel ?? '使用默认设置',
          categories: config.categories.map(categoryRow),
          spots: config.spots.map((spot) => ({ ...spot, building: spot.buildingNo ? String(spot.buildingNo) : '' })),
          teams: config.teams.map((team) => ({ label: team.name, value: team.id })),
          problem: '',
        });
      } catch (error) {
        this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    setCategory(index: number, changes: Partial<CategoryRow>) {
      const categories = this.data.categories.map((row, i) => (i === index ? { ...row, ...changes } : row));
      this.setData({ categories, problem: '' });
    },
    setSpot(index: number, changes: Partial<SpotRow>) {
      const spots = this.data.spots.map((row, i) => (i === index ? { ...row, ...changes } : row));
      this.setData({ spots, problem: '' });
    },
    onCategoryText(
      event: WechatMiniprogram.CustomEvent<{ value: string }, object, { index: number; field: 'label' | 'hint' }>,
    ) {
      const { index, field } = event.currentTarget.dataset;
      this.setCategory(Number(index), { [field]: event.detail.value });
    },
    onCategoryRoute(event: WechatMiniprogram.CustomEvent<{ value: RouteKind }, object, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      const routeKind = event.detail.value;
      const teamId = this.data.categories[index]!.teamId || this.data.teams[0]?.value || '';
      this.setCategory(index, { routeKind, teamId });
    },
    onCategoryTeam(event: WechatMiniprogram.CustomEvent<{ value: string }, object, { index: number }>) {
      this.setCategory(Number(event.currentTarget.dataset.index), { teamId: String(event.detail.value) });
    },
    onCategorySwitch(
      event: WechatMiniprogram.CustomEvent<{ value: boolean }, object, { index: number; field: 'safety' | 'enabled' }>,
    ) {
      const { index, field } = event.currentTarget.dataset;
      this.setCategory(Number(index), { [field]: Boolean(event.detail.value) });
    },
    onAddCategory() {
      const row = categoryRow({
        id: newKey('c'),
        label: '',
        hint: '',
        route: { kind: 'building' },
        safety: false,
        enabled: true,
      });
      this.setData({ categories: [...this.data.categories, row] });
    },
    onSpotText(
      event: WechatMiniprogram.CustomEvent<{ value: string }, object, { index: number; field: 'label' | 'building' }>,
    ) {
      const { index, field } = event.currentTarget.dataset;
      this.setSpot(Number(index), { [field]: event.detail.value });
    },
    onSpotSwitch(event: WechatMiniprogram.CustomEvent<{ value: boolean }, object, { index: number }>) {
      this.setSpot(Number(event.currentTarget.dataset.index), { enabled: Boolean(event.detail.value) });
    },
    onAddSpot() {
      this.setData({ spots: [...this.data.spots, { id: newKey('s'), label: '', enabled: true, building: '' }] });
    },
    async onSave() {
      if (this.data.saving) return;
      const categories = this.data.categories.map(toCategory);
      const spots = this.data.spots.map(toSpot);
      const unnamed = categories.findIndex((c) => !c.label);
      if (unnamed >= 0) return this.setData({ problem: `第${unnamed + 1}个类别还没有名称` });
      const unnamedSpot = spots.findIndex((s) => !s.label);
      if (unnamedSpot >= 0) return this.setData({ problem: `第${unnamedSpot + 1}个地点还没有名称` });
      if (categories.some((c) => c.route.kind === 'team' && !c.route.teamId))
        return this.setData({ problem: '请为分派给志愿服务队的类别选择服务队' });
      this.setData({ saving: true, problem: '' });
      try {
        const saved = await call('report', 'saveConfig', { categories, spots, version: this.data.version });
        this.setData({ version: saved.version, updated: saved.updatedLabel ?? '' });
        wx.showToast({ title: '已保存，新的报事按这里的设置分派', icon: 'none', duration: 3000 });
      } catch (error) {
        showApiError(error);
        this.setData({ problem: errorMessage(error) });
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});

/**
 * 编辑菜单 (canteen staff): one meal of one day — dishes (name, what is in it, portions
 * offered, soft / low-salt / low-sugar, allergens), the price and the cut-off. A dish that
 * has orders can grow but not shrink below what is ordered, nor be removed. 保存草稿 keeps
 * it from residents; 发布 shows it (after the cut-off, residents can only look).
 */
import type { DishInput, MenuDraft, MenuEditorView, SavedMenu } from '../../../../../typings/domain/canteen';
import { elderBehavior } from '../../../../behaviors/elder';
import { call, errorMessage, showApiError } from '../../../../services/api';
import { communityToday } from '../../../../pages/canteen/view';
import { mealFromQuery, shiftDate } from '../../lib/meal';

/**
 * The meal the editor opens on: the query's (date & meal, or menuId); without one —
 * e.g. opened from a bare link — tomorrow's lunch on the community's clock, the next menu
 * there is usually to write, instead of an error.
 */
export function editorMeal(query: Record<string, string | undefined>, now = new Date()) {
  if (query.date || query.menuId) return mealFromQuery(query, now);
  return { date: shiftDate(communityToday(now), 1), meal: query.meal === 'dinner' ? 'dinner' : 'lunch' } as const;
}

type State = 'loading' | 'error' | 'ready';

interface DishRow extends DishInput {
  key: string;
  portionsText: string;
  ordered: number;
  /** Which chips are on (WXML cannot call includes()). */
  tagOn: Record<string, boolean>;
  allergenOn: Record<string, boolean>;
}

const onMap = (keys: readonly string[]): Record<string, boolean> => Object.fromEntries(keys.map((k) => [k, true]));

/** A dish row with its chip maps in step with its lists. */
function withChips<T extends DishInput>(dish: T): T & Pick<DishRow, 'tagOn' | 'allergenOn'> {
  return { ...dish, tagOn: onMap(dish.tags), allergenOn: onMap(dish.allergens) };
}

/** Toggles one key of a multi-select list, keeping the options' order. */
export function toggled<K extends string>(list: readonly K[], key: K, order: readonly K[]): K[] {
  const next = list.includes(key) ? list.filter((k) => k !== key) : [...list, key];
  return order.filter((k) => next.includes(k));
}

let keys = 0;

function rows(editor: MenuEditorView): DishRow[] {
  return editor.draft.dishes.map((dish) => ({
    ...withChips(dish),
    description: dish.description ?? '',
    key: `k${++keys}`,
    portionsText: String(dish.portions),
    ordered: dish.id ? (editor.ordered[dish.id] ?? 0) : 0,
  }));
}

function blankDish(): DishRow {
  return {
    tagOn: {},
    allergenOn: {},
    key: `k${++keys}`,
    name: '',
    description: '',
    tags: [],
    allergens: [],
    portions: 0,
    portionsText: '',
    ordered: 0,
  };
}

Component({
  behaviors: [elderBehavior],
  data: {
    state: 'loading' as State,
    errorMessage: '',
    date: '',
    meal: 'lunch' as 'lunch' | 'dinner',
    editor: null as MenuEditorView | null,
    dishes: [] as DishRow[],
    priceText: '',
    cutoffDays: '0',
    cutoffTime: '09:00',
    saving: false,
    saved: null as SavedMenu | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData(editorMeal(query));
      void this.load();
    },
    onRetry() {
      this.setData({ state: 'loading', errorMessage: '' });
      void this.load();
    },
    async load() {
      try {
        const editor = await call('canteen', 'staffMenu', { date: this.data.date, meal: this.data.meal });
        const dishes = rows(editor);
        this.setData({
          state: 'ready',
          editor,
          dishes: dishes.length ? dishes : [blankDish()],
          priceText: String(editor.draft.priceFen / 100),
          cutoffDays: String(editor.draft.cutoff.daysBefore),
          cutoffTime: editor.draft.cutoff.time,
        });
      } catch (error) {
        if (this.data.state === 'ready') showApiError(error);
        else this.setData({ state: 'error', errorMessage: errorMessage(error) });
      }
    },
    patchDish(index: number, patch: Partial<DishRow>) {
      this.setData({
        dishes: this.data.dishes.map((dish, i) => (i === index ? withChips({ ...dish, ...patch }) : dish)),
      });
    },
    onDishName(event: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index: number }>) {
      this.patchDish(Number(event.currentTarget.dataset.index), { name: event.detail.value });
    },
    onDishDescription(
      event: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index: number }>,
    ) {
      this.patchDish(Number(event.currentTarget.dataset.index), { description: event.detail.value });
    },
    onDishPortions(event: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index: number }>) {
      this.patchDish(Number(event.currentTarget.dataset.index), { portionsText: event.detail.value });
    },
    /** A chip of 适合 / 含有 (multi-select check-tags). */
    onDishChip(
      event: WechatMiniprogram.BaseEvent<
        Record<string, never>,
        { index: number; field: 'tags' | 'allergens'; key: string }
      >,
    ) {
      const { index, field, key } = event.currentTarget.dataset;
      const dish = this.data.dishes[Number(index)];
      const editor = this.data.editor;
      if (!dish || !editor) return;
      if (field === 'tags') {
        const order = editor.dietTags.map((tag) => tag.key);
        this.patchDish(Number(index), { tags: toggled(dish.tags, key as DishInput['tags'][number], order) });
      } else {
        const order = editor.allergens.map((allergen) => allergen.key);
        this.patchDish(Number(index), {
          allergens: toggled(dish.allergens, key as DishInput['allergens'][number], order),
        });
      }
    },
    onAddDish() {
      this.setData({ dishes: [...this.data.dishes, blankDish()] });
    },
    onRemoveDish(event: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({ dishes: this.data.dishes.filter((_, i) => i !== index) });
    },
    onPrice(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ priceText: event.detail.value });
    },
    onCutoffDays(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ cutoffDays: event.detail.value });
    },
    onCutoffTime(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ cutoffTime: event.detail.value });
    },
    /** The draft to send, or a sentence saying what to fix. */
    draft(): MenuDraft | string {
      const editor = this.data.editor!;
      const priceFen = Math.round(Number(this.data.priceText) * 100);
      if (!Number.isFinite(priceFen) || priceFen < 0 || this.data.priceText.trim() === '') return '请填写每份价格';
      const dishes: DishInput[] = [];
      for (const dish of this.data.dishes) {
        const name = dish.name.trim();
        const portions = Number(dish.portionsText);
        if (!name) return '请填写每道菜的菜名';
        if (!Number.isInteger(portions) || portions < 0) return `请填写「${name}」的份数`;
        if (portions < dish.ordered) return `「${name}」已订出${dish.ordered}份，份数不能更少`;
        dishes.push({
          ...(dish.id ? { id: dish.id } : {}),
          name,
          ...(dish.description?.trim() ? { description: dish.description.trim() } : {}),
          tags: dish.tags,
          allergens: dish.allergens,
          portions,
        });
      }
      if (!dishes.length) return '请至少添加一道菜';
      return {
        date: editor.draft.date,
        meal: editor.draft.meal,
        dishes,
        priceFen,
        tiers: editor.draft.tiers,
        cutoff: { daysBefore: Number(this.data.cutoffDays), time: this.data.cutoffTime },
      };
    },
    onSaveDraft() {
      void this.save(false);
    },
    onPublish() {
      void this.save(true);
    },
    async save(publish: boolean) {
      const editor = this.data.editor;
      if (!editor || this.data.saving) return;
      const draft = this.draft();
      if (typeof draft === 'string') {
        wx.showToast({ title: draft, icon: 'none', duration: 3000 });
        return;
      }
      this.setData({ saving: true });
      try {
        const saved = await call('canteen', 'saveMenu', {
          ...draft,
          ...(editor.exists ? { version: editor.version } : {}),
          publish: publish || editor.state === 'published',
        });
        this.setData({ saved });
        if (saved.warning) {
          wx.showModal({ title: '已保存', content: saved.warning, showCancel: false, confirmText: '知道了' });
        } else {
          wx.showToast({ title: saved.state === 'published' ? '已发布' : '已保存草稿', icon: 'none', duration: 2000 });
        }
        await this.load();
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ saving: false });
      }
    },
    onRemoveMenu() {
      const editor = this.data.editor;
      if (!editor?.exists) return;
      wx.showModal({
        title: '删除这一餐的菜单？',
        content: `${editor.dateLabel} ${editor.mealLabel}`,
        confirmText: '删除',
        cancelText: '不删除',
        success: (answer) => {
          if (!answer.confirm) return;
          call('canteen', 'removeMenu', { menuId: editor.id })
            .then(() => {
              wx.showToast({ title: '已删除', icon: 'none', duration: 2000 });
              void wx.navigateBack();
            })
            .catch(showApiError);
        },
      });
    },
  },
});

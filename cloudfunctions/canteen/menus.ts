/** Menus: the staff side (editor, week overview, copy last week, publish) and settings. */
import { randomBytes } from 'node:crypto';
import type {
  CanteenSettings,
  DateKey,
  DishInput,
  Meal,
  MenuDraft,
  MenuEditorView,
  SavedMenu,
  StaffWeekView,
} from '../../typings/domain/canteen';
import { collection, command } from '../shared/cloud';
import {
  ALLERGENS,
  ALLERGEN_LABELS,
  DIET_LABELS,
  DIET_TAGS,
  MEALS,
  MEAL_LABELS,
  addDays,
  choices,
  cutoffInstant,
  cutoffLabel,
  cutoffProblem,
  dateLabel,
  lateWarning,
  menuIdOf,
  orderWindow,
  weekDates,
  weekLabel,
  weekStartOf,
  weekdayLabel,
} from '../shared/domain/canteen';
import { AppError } from '../shared/errors';
import { insertOnce } from '../shared/unique';
import { SETTINGS_ID, type DishDoc, type MenuDoc } from './docs';
import { findMenu, loadSettings, menusBetween } from './store';
import { staffMenuSummary } from './views';

export async function buildStaffWeek(weekStart: DateKey | undefined, now: Date): Promise<StaffWeekView> {
  const start = weekStartOf(weekStart ?? now);
  const dates = weekDates(start);
  const [menus, settings] = await Promise.all([menusBetween(dates[0]!, dates[6]!, false), loadSettings()]);
  const byId = new Map(menus.map((menu) => [menu._id, menu]));
  const { _id: _settingsId, updatedAt: _updatedAt, updatedBy: _updatedBy, ...plainSettings } = settings;
  return {
    weekStart: start,
    weekLabel: weekLabel(start),
    prevWeekStart: addDays(start, -7),
    nextWeekStart: addDays(start, 7),
    days: dates.map((date) => ({
      date,
      label: dateLabel(date),
      weekday: weekdayLabel(date),
      meals: MEALS.map((meal) => {
        const menu = byId.get(menuIdOf(date, meal));
        return { meal, mealLabel: MEAL_LABELS[meal], ...(menu ? { menu: staffMenuSummary(menu, now) } : {}) };
      }),
    })),
    drafts: menus.filter((menu) => menu.state === 'draft').length,
    settings: plainSettings,
  };
}

function ordered(menu: MenuDoc): Record<string, number> {
  return Object.fromEntries(
    menu.dishes.map((dish) => [dish.id, Math.max(0, dish.capacity - (menu.stock[dish.id] ?? 0))]),
  );
}

export async function buildEditor(date: DateKey, meal: Meal, now: Date): Promise<MenuEditorView> {
  const [menu, settings] = await Promise.all([findMenu(menuIdOf(date, meal)), loadSettings()]);
  const base = {
    dateLabel: `${dateLabel(date)} ${weekdayLabel(date)}`,
    mealLabel: MEAL_LABELS[meal],
    dietTags: choices(DIET_TAGS, DIET_LABELS),
    allergens: choices(ALLERGENS, ALLERGEN_LABELS),
  };
  if (!menu) {
    const cutoff = settings.cutoffs[meal];
    return {
      ...base,
      exists: false,
      id: menuIdOf(date, meal),
      state: 'draft',
      version: 0,
      draft: { date, meal, dishes: [], priceFen: settings.priceFen, tiers: settings.tiers, cutoff },
      ordered: {},
      cutoffLabel: cutoffLabel(cutoffInstant(date, cutoff), now),
    };
  }
  return {
    ...base,
    exists: true,
    id: menu._id,
    state: menu.state,
    version: menu.version,
    draft: {
      date,
      meal,
      dishes: menu.dishes.map((dish) => ({
        id: dish.id,
        name: dish.name,
        ...(dish.description ? { description: dish.description } : {}),
        tags: dish.tags,
        allergens: dish.allergens,
        portions: dish.capacity,
      })),
      priceFen: menu.priceFen,
      tiers: menu.tiers,
      cutoff: menu.cutoff,
    },
    ordered: ordered(menu),
    cutoffLabel: cutoffLabel(menu.cutoffAt, now),
  };
}

function newDishId(taken: Set<string>): string {
  for (;;) {
    const id = `d${randomBytes(4).toString('hex')}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

function dishDocs(dishes: readonly DishInput[], known: ReadonlySet<string>): DishDoc[] {
  const taken = new Set(known);
  const names = new Set<string>();
  return dishes.map((dish) => {
    if (names.has(dish.name)) throw new AppError('INVALID_INPUT', `菜品「${dish.name}」重复了`);
    names.add(dish.name);
    if (dish.id && !known.has(dish.id)) throw new AppError('INVALID_INPUT', '菜品编号有误，请刷新后再编辑');
    return {
      id: dish.id ?? newDishId(taken),
      name: dish.name,
      ...(dish.description ? { description: dish.description } : {}),
      tags: [...new Set(dish.tags)],
      allergens: [...new Set(dish.allergens)],
      capacity: dish.portions,
    };
  });
}

function checkDraft(draft: MenuDraft, servingTime: string): void {
  const problem = cutoffProblem(draft.date, draft.cutoff, servingTime);
  if (problem) throw new AppError('INVALID_INPUT', problem);
  const labels = new Set<string>();
  for (const tier of draft.tiers) {
    if (labels.has(tier.label)) throw new AppError('INVALID_INPUT', `价格档「${tier.label}」重复了`);
    labels.add(tier.label);
  }
}

export async function saveMenu(
  input: MenuDraft & { version?: number; publish: boolean },
  staffId: string,
  now: Date,
): Promise<SavedMenu> {
  const _ = command();
  const id = menuIdOf(input.date, input.meal);
  const settings = await loadSettings();
  const servingTime = settings.serving[input.meal];
  checkDraft(input, servingTime);
  const cutoffAt = cutoffInstant(input.date, input.cutoff);
  const existing = await findMenu(id);

  if (!existing) {
    if (input.version) throw new AppError('CONFLICT', '这一餐的菜单已被删除，请刷新后再编辑');
    const dishes = dishDocs(input.dishes, new Set());
    const doc: MenuDoc = {
      _id: id,
      date: input.date,
      meal: input.meal,
      state: input.publish ? 'published' : 'draft',
      dishes,
      stock: Object.fromEntries(dishes.map((dish) => [dish.id, dish.capacity])),
      orderKeys: [],
      priceFen: input.priceFen,
      tiers: input.tiers,
      cutoff: input.cutoff,
      cutoffAt,
      servingTime,
      maxPortions: settings.maxPortions,
      version: 1,
      createdAt: now,
      createdBy: staffId,
      updatedAt: now,
      updatedBy: staffId,
      ...(input.publish ? { publishedAt: now, publishedBy: staffId } : {}),
    };
    if (!(await insertOnce('canteen_menus', doc)))
      throw new AppError('CONFLICT', '这一餐的菜单刚刚由其他工作人员建好了，请刷新后再编辑');
    return savedMenu(doc, now);
  }

  if (input.version !== existing.version) {
    throw new AppError('CONFLICT', '菜单已被其他工作人员修改，请刷新后再编辑');
  }
  const dishes = dishDocs(input.dishes, new Set(existing.dishes.map((dish) => dish.id)));
  const before = new Map(existing.dishes.map((dish) => [dish.id, dish]));
  const after = new Set(dishes.map((dish) => dish.id));
  const taken = ordered(existing);
  // One conditional update: the version, and for every dish that shrinks or goes, that the
  // portions already ordered still fit; orders running at the same time cannot slip past.
  const where: Record<string, unknown> = { _id: id, version: existing.version };
  const update: Record<string, unknown> = {
    dishes: _.set(dishes),
    priceFen: input.priceFen,
    tiers: _.set(input.tiers),
    cutoff: _.set(input.cutoff),
    cutoffAt,
    servingTime,
    maxPortions: settings.maxPortions,
    version: _.inc(1),
    updatedAt: now,
    updatedBy: staffId,
  };
  for (const dish of dishes) {
    const previous = before.get(dish.id);
    if (!previous) {
      update[`stock.${dish.id}`] = dish.capacity;
      continue;
    }
    const delta = dish.capacity - previous.capacity;
    if (delta < 0) {
      if ((taken[dish.id] ?? 0) > dish.capacity) {
        throw new AppError('CONFLICT', `「${dish.name}」已订出${taken[dish.id]}份，份数不能少于已订数`);
      }
      where[`stock.${dish.id}`] = _.gte(-delta);
    }
    if (delta !== 0) update[`stock.${dish.id}`] = _.inc(delta);
  }
  for (const dish of existing.dishes) {
    if (after.has(dish.id)) continue;
    if ((taken[dish.id] ?? 0) > 0) throw new AppError('CONFLICT', `「${dish.name}」已有人订，不能删除`);
    where[`stock.${dish.id}`] = dish.capacity;
    update[`stock.${dish.id}`] = _.remove();
  }
  if (input.publish && existing.state !== 'published') {
    Object.assign(update, { state: 'published', publishedAt: now, publishedBy: staffId });
  }
  const { updated } = await collection('canteen_menus').where(where).update(update);
  if (updated !== 1) throw new AppError('CONFLICT', '刚刚有人订餐或修改了菜单，请刷新后再保存');
  if (cutoffAt.getTime() !== existing.cutoffAt.getTime()) {
    // Orders carry the cut-off that governs cancelling; keep them in step.
    await collection('canteen_orders').where({ menuId: id, status: 'placed' }).update({ cutoffAt });
  }
  const state = input.publish || existing.state === 'published' ? 'published' : 'draft';
  return savedMenu({ ...existing, state, cutoffAt, version: existing.version + 1 }, now);
}

function savedMenu(menu: Pick<MenuDoc, '_id' | 'state' | 'version' | 'cutoffAt'>, now: Date): SavedMenu {
  const window = orderWindow(menu, now);
  const warning = menu.state === 'published' ? lateWarning(menu.cutoffAt, now) : undefined;
  return {
    id: menu._id,
    state: menu.state,
    version: menu.version,
    orderable: window.open,
    cutoffLabel: cutoffLabel(menu.cutoffAt, now),
    ...(warning ? { warning } : {}),
  };
}

export async function removeMenu(menuId: string): Promise<void> {
  const { deleted } = await collection('canteen_menus')
    .where({ _id: menuId, 'orderKeys.0': command().exists(false) })
    .remove();
  if (deleted === 1) return;
  const menu = await findMenu(menuId);
  if (!menu) throw new AppError('NOT_FOUND', '没有找到这一餐的菜单');
  throw new AppError('CONFLICT', '已经有人订过这一餐，不能删除；可以修改菜品或份数');
}

/** The week of the latest menu before `weekStart` (usually the week before): what "copy last week" copies. */
async function latestWeekBefore(weekStart: DateKey): Promise<DateKey> {
  const { data } = await collection('canteen_menus')
    .where({ date: command().lt(weekStart) })
    .orderBy('date', 'desc')
    .field({ date: true })
    .limit(1)
    .get();
  const latest = (data[0] as { date?: string } | undefined)?.date;
  if (!latest) throw new AppError('NOT_FOUND', '还没有可以复制的菜单');
  return weekStartOf(latest);
}

/** Drafts for every meal of the target week that the source week has and the target lacks. */
export async function copyWeek(
  toWeekStart: DateKey,
  fromWeekStart: DateKey | undefined,
  staffId: string,
  now: Date,
): Promise<{ created: number; skipped: number }> {
  const target = weekStartOf(toWeekStart);
  const source = fromWeekStart ? weekStartOf(fromWeekStart) : await latestWeekBefore(target);
  if (source === target) throw new AppError('INVALID_INPUT', '不能复制到同一周');
  const [sourceMenus, targetMenus, settings] = await Promise.all([
    menusBetween(source, addDays(source, 6), false),
    menusBetween(target, addDays(target, 6), false),
    loadSettings(),
  ]);
  if (!sourceMenus.length) throw new AppError('NOT_FOUND', `${weekLabel(source)} 没有可复制的菜单`);
  const existing = new Set(targetMenus.map((menu) => menu._id));
  const offset = Math.round((Date.parse(target) - Date.parse(source)) / 86_400_000);
  const drafts: MenuDoc[] = [];
  for (const menu of sourceMenus) {
    const date = addDays(menu.date, offset);
    const id = menuIdOf(date, menu.meal);
    if (existing.has(id)) continue;
    drafts.push({
      _id: id,
      date,
      meal: menu.meal,
      state: 'draft',
      dishes: menu.dishes,
      stock: Object.fromEntries(menu.dishes.map((dish) => [dish.id, dish.capacity])),
      orderKeys: [],
      priceFen: menu.priceFen,
      tiers: menu.tiers,
      cutoff: menu.cutoff,
      cutoffAt: cutoffInstant(date, menu.cutoff),
      servingTime: settings.serving[menu.meal],
      maxPortions: settings.maxPortions,
      version: 1,
      createdAt: now,
      createdBy: staffId,
      updatedAt: now,
      updatedBy: staffId,
    });
  }
  let created = 0;
  if (drafts.length) {
    try {
      await collection('canteen_menus').add(drafts);
      created = drafts.length;
    } catch {
      // Someone created one of them meanwhile: add one by one, keeping theirs.
      for (const draft of drafts) if (await insertOnce('canteen_menus', draft)) created++;
    }
  }
  return { created, skipped: sourceMenus.length - created };
}

export async function publishWeek(
  weekStart: DateKey,
  staffId: string,
  now: Date,
): Promise<{ published: number; late: number }> {
  const _ = command();
  const start = weekStartOf(weekStart);
  const range = { date: _.gte(start).and(_.lte(addDays(start, 6))), state: 'draft' };
  const { total: late } = await collection('canteen_menus')
    .where({ ...range, cutoffAt: _.lte(now) })
    .count();
  const { updated } = await collection('canteen_menus')
    .where(range)
    .update({ state: 'published', publishedAt: now, publishedBy: staffId, updatedAt: now, updatedBy: staffId });
  return { published: updated, late };
}

export async function saveSettings(settings: CanteenSettings, staffId: string, now: Date): Promise<CanteenSettings> {
  for (const meal of MEALS) {
    const problem = cutoffProblem('2026-01-05', settings.cutoffs[meal], settings.serving[meal]);
    if (problem) throw new AppError('INVALID_INPUT', `${MEAL_LABELS[meal]}：${problem}`);
  }
  await collection('canteen_settings')
    .doc(SETTINGS_ID)
    .set({ ...settings, updatedAt: now, updatedBy: staffId });
  return settings;
}

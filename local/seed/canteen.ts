/**
 * Demo data of the seniors' canteen (食堂): default settings (7 yuan, 80 and over 6 yuan),
 * three weeks of menus around the seed day (last week served, this week under way, next
 * week published ahead), orders of the demo seniors — 赵桂兰's lunches ordered by her son
 * 赵文杰, 钱长海's by phone through the canteen or by the son, one unanswered delivery a week
 * ago — the demo resident's lunches this week and next, plus neighbours' orders for today,
 * and building 5's deliverer (volunteer 高立新). Deterministic for a seed day: dates are
 * relative to it, people fixed; portions left and request keys on each menu are computed
 * from its orders exactly as the function keeps them.
 */
import type { DietTag, Allergen, Meal, ServiceMode, OrderStatus } from '../../typings/domain/canteen';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import type { DishDoc, MenuDoc, OrderDoc, RouteDoc, SettingsDoc } from '../../cloudfunctions/canteen/docs';
import { SETTINGS_ID } from '../../cloudfunctions/canteen/docs';
import { activeKeyOf, orderIdOf, requestKey } from '../../cloudfunctions/canteen/orders';
import {
  DEFAULT_SETTINGS,
  addDays,
  ageAt,
  cutoffInstant,
  menuIdOf,
  monthOf,
  priceFor,
} from '../../cloudfunctions/shared/domain/canteen';
import { demoCalendar } from './calendar';

interface DishSpec {
  name: string;
  description: string;
  tags: DietTag[];
  allergens: Allergen[];
}

const d = (name: string, description: string, tags: DietTag[], allergens: Allergen[]): DishSpec => ({
  name,
  description,
  tags,
  allergens,
});

const LUNCH_MAINS = [
  d('红烧鸡块套餐', '红烧鸡块、清炒油菜、米饭', [], ['soy']),
  d('清蒸鲈鱼套餐', '清蒸鲈鱼、蒜蓉西兰花、米饭', ['low_salt'], ['fish', 'soy']),
  d('番茄炒蛋套餐', '番茄炒蛋、醋溜白菜、米饭', ['low_sugar'], ['egg']),
  d('土豆炖牛肉套餐', '土豆炖牛肉、凉拌黄瓜、米饭', ['soft'], ['soy']),
  d('肉末烧豆腐套餐', '肉末烧豆腐、炒土豆丝、米饭', ['soft'], ['soy']),
  d('冬瓜排骨套餐', '冬瓜炖排骨、香菇青菜、二米饭', ['low_salt'], []),
  d('木须肉套餐', '木须肉、拍黄瓜、米饭', [], ['egg']),
];
const LUNCH_SOFT = d(
  '南瓜小米粥配蒸蛋羹',
  '南瓜小米粥、鸡蛋羹、软烂青菜末',
  ['soft', 'low_salt', 'low_sugar'],
  ['egg'],
);
const DINNER_MAINS = [
  d('猪肉白菜饺子', '猪肉白菜馅饺子15个、小米粥', [], ['wheat']),
  d('西红柿鸡蛋面', '西红柿鸡蛋卤面、小菜', ['soft'], ['wheat', 'egg']),
  d('白菜豆腐炖粉条', '白菜豆腐炖粉条、发糕', ['soft', 'low_salt'], ['soy', 'wheat']),
  d('鲜肉馄饨', '鲜肉馄饨一碗、葱油饼半张', ['soft'], ['wheat']),
  d('清炒时蔬配杂粮饭', '清炒时蔬、蒸南瓜、杂粮饭', ['low_salt', 'low_sugar'], []),
  d('小鸡炖蘑菇', '小鸡炖蘑菇、炒豆芽、米饭', [], []),
  d('三鲜包子配粥', '三鲜包子两个、大米粥、咸菜', [], ['wheat', 'egg', 'shellfish']),
];
const DINNER_SOFT = d('山药排骨粥', '山药排骨粥、蒸蛋', ['soft', 'low_salt', 'low_sugar'], ['egg']);

const SERVED: OrderStatus[] = ['delivered', 'collected', 'not_collected'];

export function buildCanteenDemo(
  residents: readonly ResidentDoc[],
  now: Date,
): {
  canteen_settings: SettingsDoc[];
  canteen_menus: MenuDoc[];
  canteen_orders: OrderDoc[];
  canteen_routes: RouteDoc[];
} {
  const cal = demoCalendar(now);
  const today = cal.today;
  /** Last week (served), this week (under way), next week (published ahead). */
  const weeks = [cal.weekStart(-1), cal.weekStart(0), cal.weekStart(1)];
  const byId = new Map(residents.map((r) => [r._id, r]));
  const need = (id: string) => byId.get(id)!;
  const settings: SettingsDoc = {
    _id: SETTINGS_ID,
    ...DEFAULT_SETTINGS,
    tiers: [{ label: '80岁及以上', priceFen: 600, rule: { kind: 'age', minAge: 80 } }],
    updatedAt: cal.at(-24, '09:00'),
    updatedBy: 'r-demo-canteen',
  };

  // --- menus ----------------------------------------------------------------------------
  const menus = new Map<string, MenuDoc>();
  for (const weekStart of weeks) {
    for (let day = 0; day < 7; day++) {
      const date = addDays(weekStart, day);
      for (const meal of ['lunch', 'dinner'] as Meal[]) {
        const main = (meal === 'lunch' ? LUNCH_MAINS : DINNER_MAINS)[day]!;
        const soft = meal === 'lunch' ? LUNCH_SOFT : DINNER_SOFT;
        const compact = date.replace(/-/g, '');
        const dishes: DishDoc[] = [main, soft].map((spec, i) => ({
          id: `d${compact}${meal[0]}${i + 1}`,
          ...spec,
          capacity: i === 0 ? (meal === 'lunch' ? 80 : 60) : meal === 'lunch' ? 30 : 20,
        }));
        // Planned ahead: published on the Friday ten days before the week starts.
        const publishedAt = cal.at(cal.offsetOf(addDays(weekStart, -10)), '16:00');
        menus.set(menuIdOf(date, meal), {
          _id: menuIdOf(date, meal),
          date,
          meal,
          state: 'published',
          dishes,
          stock: Object.fromEntries(dishes.map((dish) => [dish.id, dish.capacity])),
          orderKeys: [],
          priceFen: settings.priceFen,
          tiers: settings.tiers,
          cutoff: settings.cutoffs[meal],
          cutoffAt: cutoffInstant(date, settings.cutoffs[meal]),
          servingTime: settings.serving[meal],
          maxPortions: settings.maxPortions,
          version: 1,
          createdAt: publishedAt,
          createdBy: 'r-demo-canteen',
          updatedAt: publishedAt,
          updatedBy: 'r-demo-canteen',
          publishedAt,
          publishedBy: 'r-demo-canteen',
        });
      }
    }
  }

  // --- orders ---------------------------------------------------------------------------
  const orders: OrderDoc[] = [];
  let serial = 0;
  interface OrderSpec {
    date: string;
    meal: Meal;
    diner: ResidentDoc;
    by: ResidentDoc;
    relation: OrderDoc['relation'];
    mode: ServiceMode;
    soft?: boolean;
    portions?: number;
    dietTags?: DietTag[];
    note?: string;
    outcome?: OrderStatus;
    paid?: boolean;
    reason?: string;
  }
  const place = (spec: OrderSpec) => {
    const menu = menus.get(menuIdOf(spec.date, spec.meal))!;
    const dish = menu.dishes[spec.soft ? 1 : 0]!;
    const portions = spec.portions ?? 1;
    const key = requestKey(spec.by._id, `seed-${++serial}`);
    const id = orderIdOf(key);
    const address = spec.diner.binding.address!;
    const price = priceFor(menu, spec.diner, menu.date);
    // A day or two before the cut-off, and never after the evening before the seed day.
    const createdAt = new Date(
      Math.min(
        menu.cutoffAt.getTime() - (20 + (serial % 40)) * 3600_000,
        cal.at(-1, '21:00').getTime() - serial * 60_000,
      ),
    );
    const status = spec.outcome ?? 'placed';
    const servedAt = cal.at(cal.offsetOf(spec.date), spec.meal === 'lunch' ? '11:50' : '17:45');
    menu.stock[dish.id] = menu.stock[dish.id]! - portions;
    menu.orderKeys.push(key);
    orders.push({
      _id: id,
      requestKey: key,
      activeKey: activeKeyOf(menu._id, spec.diner._id),
      menuId: menu._id,
      date: menu.date,
      month: monthOf(menu.date),
      meal: menu.meal,
      dishId: dish.id,
      dishName: dish.name,
      portions,
      mode: spec.mode,
      dietTags: spec.dietTags ?? [],
      ...(spec.note ? { note: spec.note } : {}),
      dinerId: spec.diner._id,
      dinerName: spec.diner.name,
      address: { buildingNo: address.buildingNo, unitNo: address.unitNo, room: address.room },
      orderedById: spec.by._id,
      orderedByName: spec.by.name,
      relation: spec.relation,
      ...(spec.relation === 'self'
        ? {}
        : {
            proxy: {
              actorId: spec.by._id,
              subjectId: spec.diner._id,
              ...(spec.reason ? { reason: spec.reason } : {}),
              at: createdAt,
            },
          }),
      status,
      unitPriceFen: price.priceFen,
      amountFen: price.priceFen * portions,
      ...(price.tierLabel ? { tierLabel: price.tierLabel } : {}),
      payment: spec.paid
        ? { method: 'offline', status: 'paid', paidAt: servedAt, recordedBy: 'r-demo-canteen' }
        : { method: 'offline', status: 'unpaid' },
      cutoffAt: menu.cutoffAt,
      createdAt,
      ...(SERVED.includes(status) ? { outcomeAt: servedAt, outcomeBy: 'r-demo-team-leader' } : {}),
    });
  };

  const senior = need('r-demo-senior');
  const nophone = need('r-demo-senior-nophone');
  const son = need('r-demo-relative');
  const canteen = need('r-demo-canteen');
  const resident = need('r-demo-resident');
  const served = (date: string) => date < today;
  // 赵桂兰: lunch delivered every day, ordered by her son; two dinners she ordered herself.
  for (let day = 0; day < 14; day++) {
    const date = addDays(weeks[0]!, day);
    if (date > addDays(today, 3)) break;
    place({
      date,
      meal: 'lunch',
      diner: senior,
      by: son,
      relation: 'relative',
      mode: 'delivery',
      soft: day % 3 === 0,
      dietTags: ['soft', 'low_salt'],
      note: day === 0 ? '老人牙口不好，菜请切碎一些' : undefined,
      ...(served(date) ? { outcome: 'delivered' as const, paid: date < weeks[1]! } : {}),
    });
    // 钱长海 (no smartphone): lunch by phone through the canteen, some by the son; one unanswered.
    place({
      date,
      meal: 'lunch',
      diner: nophone,
      by: day % 2 === 0 ? canteen : son,
      relation: day % 2 === 0 ? 'staff' : 'relative',
      reason: day % 2 === 0 ? '老人来电订餐' : undefined,
      mode: 'delivery',
      soft: true,
      dietTags: ['soft'],
      ...(served(date) ? { outcome: date === cal.day(-7) ? ('not_collected' as const) : ('delivered' as const) } : {}),
    });
  }
  // Her own dinners on Monday, Wednesday and Friday this week.
  for (const date of [0, 2, 4].map((day) => addDays(weeks[1]!, day))) {
    place({
      date,
      meal: 'dinner',
      diner: senior,
      by: senior,
      relation: 'self',
      mode: 'pickup',
      ...(served(date) ? { outcome: 'collected' as const } : {}),
    });
  }
  // The demo resident eats in with a guest on Tuesdays and Thursdays, this week and next.
  for (const date of [1, 3, 8, 10].map((day) => addDays(weeks[1]!, day))) {
    place({
      date,
      meal: 'lunch',
      diner: resident,
      by: resident,
      relation: 'self',
      mode: 'dine_in',
      portions: 2,
      ...(served(date) ? { outcome: 'collected' as const } : {}),
    });
  }

  // Neighbours' orders for today: older residents in every building, deliveries for those eligible.
  const neighbours = residents.filter(
    (r) => r.binding.status === 'verified' && !r._id.startsWith('r-demo') && (ageAt(r.birthYear, today) ?? 0) >= 65,
  );
  // Spread over the buildings: 14 seniors eligible for delivery and 22 who come to the canteen.
  const spread = (people: ResidentDoc[], count: number) =>
    people.filter((_, i) => i % Math.max(1, Math.floor(people.length / count)) === 0).slice(0, count);
  const eligible = spread(
    neighbours.filter((r) => r.care?.deliveryEligible),
    14,
  );
  const walkers = spread(
    neighbours.filter((r) => !r.care?.deliveryEligible),
    22,
  );
  [...eligible, ...walkers].forEach((diner, i) => {
    const eligible = diner.care?.deliveryEligible === true;
    const by = diner.openid ? diner : canteen;
    place({
      date: today,
      meal: i % 3 === 2 ? 'dinner' : 'lunch',
      diner,
      by,
      relation: by === diner ? 'self' : 'staff',
      reason: by === diner ? undefined : '老人来电订餐',
      mode: eligible ? 'delivery' : i % 2 ? 'pickup' : 'dine_in',
      soft: i % 4 === 0,
      dietTags: i % 5 === 0 ? ['low_sugar'] : i % 4 === 0 ? ['soft'] : [],
      note: i === 7 ? '不吃香菜' : undefined,
    });
  });

  const routes: RouteDoc[] = [
    {
      _id: 'b05',
      buildingNo: 5,
      delivererId: 'r-demo-team-leader',
      assignedBy: 'r-demo-canteen',
      assignedAt: cal.at(-24, '09:00'),
    },
  ];

  return {
    canteen_settings: [settings],
    canteen_menus: [...menus.values()],
    canteen_orders: orders,
    canteen_routes: routes,
  };
}

/** Canteen views shaped exactly like the contract (typings/domain/canteen.ts). */
import type {
  DeliveryListView,
  DeliveryRow,
  KitchenView,
  MenuView,
  OrderFormView,
  OrderView,
  StaffWeekView,
  StatementView,
  WeekView,
} from '../../typings/domain/canteen';

export function menuView(overrides: Partial<MenuView> = {}): MenuView {
  return {
    id: '2026-11-26_lunch',
    date: '2026-11-26',
    meal: 'lunch',
    mealLabel: '午餐',
    dateLabel: '11月26日 周四',
    servingTime: '11:30',
    dishes: [
      {
        id: 'd1',
        name: '土豆炖牛肉套餐',
        description: '土豆炖牛肉、凉拌黄瓜、米饭',
        tags: [{ key: 'soft', label: '软烂' }],
        allergens: [{ key: 'soy', label: '大豆' }],
        remaining: 18,
        soldOut: false,
      },
      {
        id: 'd2',
        name: '南瓜小米粥配蒸蛋羹',
        tags: [
          { key: 'soft', label: '软烂' },
          { key: 'low_salt', label: '少盐' },
        ],
        allergens: [],
        remaining: 0,
        soldOut: true,
      },
    ],
    priceFen: 700,
    priceLabel: '7元',
    tiers: [{ label: '80岁及以上', priceLabel: '6元' }],
    cutoffAt: '2026-11-26T01:00:00.000Z',
    cutoffLabel: '今天 09:00 截止',
    orderable: true,
    ...overrides,
  };
}

export function weekView(overrides: Partial<WeekView> = {}): WeekView {
  const dates = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'];
  const weekdays = ['周一', '周二', '周三', '今天', '周五', '周六', '周日'];
  return {
    weekStart: '2026-11-23',
    weekLabel: '11月23日 – 11月29日',
    prevWeekStart: '2026-11-16',
    nextWeekStart: '2026-11-30',
    today: '2026-11-26',
    days: dates.map((date, i) => ({
      date,
      label: `11月${date.slice(8)}日`,
      weekday: weekdays[i]!,
      isToday: i === 3,
      meals:
        i === 3
          ? [
              {
                ...menuView(),
                mine: [
                  {
                    orderId: 'o1',
                    dinerName: '赵桂兰',
                    summary: '已订 土豆炖牛肉套餐 1份 · 送餐上门',
                    status: { text: '已预订', theme: 'primary', icon: 'time' },
                  },
                ],
              },
              {
                ...menuView({
                  id: '2026-11-26_dinner',
                  meal: 'dinner',
                  mealLabel: '晚餐',
                  servingTime: '17:30',
                  orderable: false,
                  cutoffLabel: '今天 15:00 截止',
                  closedReason: '已过订餐截止时间（今天 15:00），如需用餐请致电食堂',
                }),
                mine: [],
              },
            ]
          : [],
    })),
    can: { order: true, manage: false, deliver: false, actForOthers: false },
    ...overrides,
  };
}

export function orderView(overrides: Partial<OrderView> = {}): OrderView {
  return {
    id: 'o1',
    menuId: '2026-11-27_lunch',
    date: '2026-11-27',
    dateLabel: '11月27日 周五',
    meal: 'lunch',
    mealLabel: '午餐',
    dishId: 'd1',
    dishName: '肉末烧豆腐套餐',
    portions: 1,
    mode: 'delivery',
    modeLabel: '送餐上门',
    dietTags: [{ key: 'soft', label: '软烂' }],
    note: '菜请切碎一些',
    diner: { residentId: 'r-demo-senior', name: '赵桂兰' },
    orderedBy: { relation: 'relative', name: '赵文杰', label: '亲属赵文杰代订' },
    status: 'placed',
    badge: { text: '已预订', theme: 'primary', icon: 'time' },
    unitPriceFen: 600,
    amountFen: 600,
    amountLabel: '6元',
    tierLabel: '80岁及以上',
    payment: { method: 'offline', methodLabel: '线下支付', status: 'unpaid', statusLabel: '未付款' },
    cutoffAt: '2026-11-27T01:00:00.000Z',
    cutoffLabel: '明天 09:00 截止',
    cancellable: true,
    createdAt: '2026-11-26T02:00:00.000Z',
    ...overrides,
  };
}

export function orderForm(overrides: Partial<OrderFormView> = {}): OrderFormView {
  return {
    menu: menuView({ id: '2026-11-27_lunch', cutoffLabel: '明天 09:00 截止' }),
    diners: [
      {
        residentId: 'r-demo-senior',
        name: '赵桂兰',
        relation: 'relative',
        relationLabel: '我关心的老人',
        buildingLabel: '5号楼',
        deliveryEligible: true,
        priceFen: 600,
        priceLabel: '6元',
        tierLabel: '80岁及以上',
      },
      {
        residentId: 'r-demo-senior-nophone',
        name: '钱长海',
        relation: 'relative',
        relationLabel: '我关心的老人',
        buildingLabel: '5号楼',
        deliveryEligible: true,
        priceFen: 600,
        priceLabel: '6元',
        existingOrder: { id: 'o9', summary: '工作人员马春生已代订：南瓜小米粥配蒸蛋羹 1份 · 送餐上门' },
      },
    ],
    modes: [
      { key: 'dine_in', label: '堂食' },
      { key: 'pickup', label: '自取' },
      { key: 'delivery', label: '送餐上门' },
    ],
    dietTags: [
      { key: 'soft', label: '软烂' },
      { key: 'low_salt', label: '少盐' },
      { key: 'low_sugar', label: '少糖' },
    ],
    maxPortions: 3,
    noteMax: 100,
    staffMode: false,
    ...overrides,
  };
}

export function statementView(overrides: Partial<StatementView> = {}): StatementView {
  return {
    month: '2026-11',
    monthLabel: '2026年11月',
    diner: { residentId: 'r-demo-senior-nophone', name: '钱长海' },
    lines: [
      {
        orderId: 'o1',
        date: '2026-11-19',
        dateLabel: '11月19日 周四',
        mealLabel: '午餐',
        dishName: '南瓜小米粥配蒸蛋羹',
        portions: 1,
        modeLabel: '送餐上门',
        amountFen: 600,
        amountLabel: '6元',
        orderedByLabel: '亲属赵文杰代订',
        status: { text: '送餐未应答', theme: 'danger', icon: 'error-circle' },
        paid: false,
      },
      {
        orderId: 'o2',
        date: '2026-11-20',
        dateLabel: '11月20日 周五',
        mealLabel: '午餐',
        dishName: '南瓜小米粥配蒸蛋羹',
        portions: 1,
        modeLabel: '送餐上门',
        amountFen: 600,
        amountLabel: '6元',
        orderedByLabel: '工作人员马春生代订',
        status: { text: '已送达', theme: 'success', icon: 'check-circle' },
        paid: true,
      },
    ],
    totals: {
      meals: 2,
      portions: 2,
      amountFen: 1200,
      paidFen: 600,
      unpaidFen: 600,
      amountLabel: '12元',
      paidLabel: '6元',
      unpaidLabel: '6元',
      notCollected: 1,
      byOrderer: [
        { label: '亲属赵文杰代订', meals: 1 },
        { label: '工作人员马春生代订', meals: 1 },
      ],
    },
    diners: [
      { residentId: 'r-demo-senior', name: '赵桂兰' },
      { residentId: 'r-demo-senior-nophone', name: '钱长海' },
    ],
    canRecordPayment: false,
    ...overrides,
  };
}

export function deliveryRow(overrides: Partial<DeliveryRow> = {}): DeliveryRow {
  return {
    orderId: 'o1',
    dinerName: '赵桂兰',
    buildingNo: 5,
    unitNo: 1,
    room: '102',
    addressLabel: '5号楼1单元102',
    phone: '17600000101',
    dishName: '土豆炖牛肉套餐',
    portions: 1,
    mode: 'delivery',
    modeLabel: '送餐上门',
    dietTags: [{ key: 'soft', label: '软烂' }],
    note: '菜请切碎一些',
    status: 'placed',
    badge: { text: '已预订', theme: 'primary', icon: 'time' },
    paid: false,
    amountLabel: '6元',
    ...overrides,
  };
}

export function deliveryList(overrides: Partial<DeliveryListView> = {}): DeliveryListView {
  return {
    menu: {
      id: '2026-11-26_lunch',
      date: '2026-11-26',
      dateLabel: '11月26日 周四',
      mealLabel: '午餐',
      servingTime: '11:30',
      cutoffLabel: '今天 09:00 截止',
    },
    cutoffPassed: true,
    scope: 'all',
    groups: [
      {
        buildingNo: 5,
        buildingLabel: '5号楼',
        deliverer: { residentId: 'r-demo-team-leader', name: '高立新' },
        units: [
          { unitNo: 1, unitLabel: '1单元', rows: [deliveryRow()] },
          {
            unitNo: 3,
            unitLabel: '3单元',
            rows: [
              deliveryRow({
                orderId: 'o2',
                dinerName: '钱长海',
                unitNo: 3,
                room: '201',
                addressLabel: '5号楼3单元201',
                phone: '17600000102',
              }),
            ],
          },
        ],
      },
    ],
    counter: [
      deliveryRow({
        orderId: 'o3',
        dinerName: '林晓燕',
        unitNo: 2,
        room: '301',
        addressLabel: '5号楼2单元301',
        mode: 'dine_in',
        modeLabel: '堂食',
        dietTags: [],
        note: undefined,
      }),
    ],
    counts: { total: 3, pending: 3, delivered: 0, collected: 0, notCollected: 0 },
    ...overrides,
  };
}

export function kitchenView(overrides: Partial<KitchenView> = {}): KitchenView {
  return {
    menu: {
      ...menuView({ orderable: false, closedReason: '已过订餐截止时间（今天 09:00），如需用餐请致电食堂' }),
      state: 'published',
    },
    cutoffPassed: true,
    totals: { orders: 38, portions: 41 },
    byMode: [
      { mode: 'dine_in', label: '堂食', orders: 12, portions: 14 },
      { mode: 'pickup', label: '自取', orders: 10, portions: 11 },
      { mode: 'delivery', label: '送餐上门', orders: 16, portions: 16 },
    ],
    dishes: [
      { dishId: 'd1', name: '土豆炖牛肉套餐', portions: 29, capacity: 80, remaining: 51 },
      { dishId: 'd2', name: '南瓜小米粥配蒸蛋羹', portions: 12, capacity: 30, remaining: 18 },
    ],
    dietTags: [
      { tag: 'soft', label: '软烂', portions: 15 },
      { tag: 'low_salt', label: '少盐', portions: 4 },
      { tag: 'low_sugar', label: '少糖', portions: 6 },
    ],
    notes: [
      { orderId: 'o1', dinerName: '赵桂兰', buildingLabel: '5号楼', dishName: '土豆炖牛肉套餐', note: '菜请切碎一些' },
    ],
    outcomes: { pending: 30, delivered: 6, collected: 2, notCollected: 0 },
    ...overrides,
  };
}

export function staffWeekView(overrides: Partial<StaffWeekView> = {}): StaffWeekView {
  const dates = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
  return {
    weekStart: '2026-11-30',
    weekLabel: '11月30日 – 12月6日',
    prevWeekStart: '2026-11-23',
    nextWeekStart: '2026-12-07',
    days: dates.map((date, i) => ({
      date,
      label: `${Number(date.slice(5, 7))}月${Number(date.slice(8))}日`,
      weekday: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'][i]!,
      meals: [
        {
          meal: 'lunch',
          mealLabel: '午餐',
          ...(i < 2
            ? {
                menu: {
                  id: `${date}_lunch`,
                  date,
                  dateLabel: '',
                  meal: 'lunch',
                  mealLabel: '午餐',
                  state: i === 0 ? 'published' : 'draft',
                  stateBadge:
                    i === 0
                      ? { text: '已发布', theme: 'success', icon: 'check-circle' }
                      : { text: '草稿', theme: 'warning', icon: 'edit' },
                  dishNames: ['红烧鸡块套餐', '南瓜小米粥配蒸蛋羹'],
                  ordered: i === 0 ? 12 : 0,
                  capacity: 110,
                  cutoffLabel: '11月30日（周一）09:00 截止',
                },
              }
            : {}),
        },
        { meal: 'dinner', mealLabel: '晚餐' },
      ],
    })),
    drafts: 1,
    settings: {
      priceFen: 700,
      tiers: [{ label: '80岁及以上', priceFen: 600, rule: { kind: 'age', minAge: 80 } }],
      cutoffs: { lunch: { daysBefore: 0, time: '09:00' }, dinner: { daysBefore: 0, time: '15:00' } },
      serving: { lunch: '11:30', dinner: '17:30' },
      maxPortions: 3,
    },
    ...overrides,
  };
}

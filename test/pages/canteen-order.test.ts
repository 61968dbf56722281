/**
 * 订餐, 我的订单 and 对账单 with the real tdesign components; wx.cloud.callFunction (routed by
 * function and action) and the wx APIs the pages call are the only mocks.
 */
import { routeAnswers as route, type Handler } from './route';
import fs from 'node:fs';
import path from 'node:path';
import type { CallFunctionParam } from '../helpers/simulate';
import {
  IN_PAGE,
  MINIPROGRAM_ROOT,
  allText,
  renderPage,
  resetWx,
  settle,
  tap,
  textOf,
  wxMock,
} from '../helpers/simulate';
import { orderForm, orderView, statementView } from './canteen-fixtures';

const TEMPLATE = {
  key: 'canteen',
  templateId: 'tpl-canteen',
  kind: 'once',
  title: '订餐与送餐通知',
  credits: 0,
  longTermActive: false,
};

const wxExtra = () => (globalThis as unknown as { wx: Record<string, jest.Mock> }).wx;

beforeEach(() => {
  resetWx();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  Object.assign(wxExtra(), {
    requestSubscribeMessage: jest.fn((options: { success?: (r: object) => void; complete?: () => void }) => {
      options.success?.({ errMsg: 'requestSubscribeMessage:ok', 'tpl-canteen': 'accept' });
      options.complete?.();
    }),
    showModal: jest.fn((options: { success?: (r: object) => void }) =>
      options.success?.({ confirm: true, cancel: false }),
    ),
    redirectTo: jest.fn(),
    stopPullDownRefresh: jest.fn(),
  });
});
afterEach(() => jest.restoreAllMocks());

function calls(mock: jest.Mock, key: string): Array<Record<string, unknown>> {
  return mock.mock.calls
    .map(([param]) => param as CallFunctionParam)
    .filter((param) => `${param.name}.${String(param.data.action)}` === key)
    .map((param) => param.data);
}

async function openOrder(handlers: Record<string, Handler>) {
  const mock = route({ 'push.templates': () => [TEMPLATE], 'push.recordSubscriptions': () => [TEMPLATE], ...handlers });
  const page = renderPage('packages/canteen/pages/order/index');
  page.instance.onLoad({ menuId: '2026-11-27_lunch' });
  await settle();
  await settle();
  return { page, mock };
}

describe('订餐', () => {
  test('a relative orders home delivery for a bound senior: cut-off on top, for-whom picker, total, subscription asked', async () => {
    const { page, mock } = await openOrder({
      'canteen.orderForm': () => orderForm(),
      'canteen.placeOrder': () => orderView({ date: '2026-11-27', dishName: '土豆炖牛肉套餐' }),
    });

    expect(textOf(page, IN_PAGE + '.order-head__cutoff')).toEqual(['订餐时间：明天 09:00 截止']);
    expect(textOf(page, IN_PAGE + '.order-diners >>> .t-radio__title')).toEqual(['赵桂兰', '钱长海']);
    expect(textOf(page, IN_PAGE + '.order-diners >>> .t-radio__description')[0]).toBe(
      '我关心的老人 · 5号楼 · 6元/份（80岁及以上）',
    );
    // The senior without an order is chosen, with delivery (eligible).
    expect(page.instance.data.choices).toMatchObject({
      dinerId: 'r-demo-senior',
      dishId: 'd1',
      mode: 'delivery',
      portions: 1,
    });
    expect(textOf(page, IN_PAGE + '.order-total')[0]).toBe(
      '合计 6元（6元 × 1份，80岁及以上），线下支付：到食堂或送餐时付款',
    );
    expect(allText(page)).toContain('已订完');

    // 饮食要求 is a chip grid (multi-select check-tags), the choice said by ✓.
    expect(page.querySelectorAll(IN_PAGE + '.order-diet >>> .t-checkbox')).toHaveLength(0);
    page.instance.onDietChip({ currentTarget: { dataset: { value: 'soft' } } });
    await settle();
    expect(textOf(page, IN_PAGE + '.order-diet-chips >>> .t-tag__text')[0]).toBe('✓ 软烂');
    // The total and the submit live in the sticky bottom bar.
    expect(textOf(page, IN_PAGE + '.order-bar .order-total')).toHaveLength(1);
    await tap(page, IN_PAGE + '.order-bar >>> .t-button');
    await settle();

    expect(wxExtra().requestSubscribeMessage).toHaveBeenCalledWith(
      expect.objectContaining({ tmplIds: ['tpl-canteen'] }),
    );
    expect(calls(mock, 'push.recordSubscriptions')).toEqual([
      { action: 'recordSubscriptions', answers: { 'tpl-canteen': 'accept' }, requestId: expect.any(String) },
    ]);
    const [sent] = calls(mock, 'canteen.placeOrder');
    expect(sent).toMatchObject({
      menuId: '2026-11-27_lunch',
      dishId: 'd1',
      dinerId: 'r-demo-senior',
      portions: 1,
      mode: 'delivery',
      dietTags: ['soft'],
    });
    expect(String(sent!.requestId)).toMatch(/^[0-9a-z]{8,}$/);
    expect(page.instance.data.state).toBe('done');
    expect(textOf(page, IN_PAGE + '.order-done__title')).toEqual(['订餐成功']);
    expect(page.querySelectorAll(IN_PAGE + '.order-done__head >>> .t-icon-check-circle-filled')).toHaveLength(1);
    // The requirements are echoed back.
    expect(textOf(page, IN_PAGE + '.order-done__need')).toEqual(['饮食要求：软烂', '备注：菜请切碎一些']);
    expect(allText(page)).toContain('亲属赵文杰代订');

    await tap(page, IN_PAGE + '.order-done__button >>> .t-button');
    expect(wxExtra().redirectTo).toHaveBeenCalledWith({ url: '/packages/canteen/pages/orders/index' });
  });

  test('portions with two big buttons, up to the menu’s limit; the total follows', async () => {
    const { page } = await openOrder({ 'canteen.orderForm': () => orderForm() });
    await tap(page, IN_PAGE + '.order-portions__button >>> .t-button', 1);
    await tap(page, IN_PAGE + '.order-portions__button >>> .t-button', 1);
    await tap(page, IN_PAGE + '.order-portions__button >>> .t-button', 1);
    expect(textOf(page, IN_PAGE + '.order-portions__count')).toEqual(['3 份']);
    expect(textOf(page, IN_PAGE + '.order-total')[0]).toContain('合计 18元（6元 × 3份');
    await tap(page, IN_PAGE + '.order-portions__button >>> .t-button', 0);
    expect(page.instance.data.choices.portions).toBe(2);
  });

  test('elder mode makes choice rows and fields at least 120rpx tall', () => {
    const css = fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'packages/canteen/pages/order/index.wxss'), 'utf8');
    const block = /\.elder\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
    const value = (name: string) => Number(new RegExp(`${name}:\\s*(\\d+)rpx`).exec(block)?.[1]);
    // Row = padding above and below + the 56rpx line of the elder body-large font.
    expect(2 * value('--td-radio-vertical-padding') + 56).toBeGreaterThanOrEqual(120);
    expect(2 * value('--td-checkbox-vertical-padding') + 56).toBeGreaterThanOrEqual(120);
  });

  test('a senior who already has this meal: said in words, no submit', async () => {
    const { page } = await openOrder({ 'canteen.orderForm': () => orderForm() });
    await tap(page, IN_PAGE + '.order-diners >>> .t-radio', 1);

    expect(page.instance.data.choices.dinerId).toBe('r-demo-senior-nophone');
    expect(textOf(page, IN_PAGE + '.order-existing')[0]).toContain('钱长海这一餐已经订过了');
    expect(page.instance.data.screen.canSubmit).toBe(false);
  });

  test('a resident who is not eligible cannot pick delivery, and is told why', async () => {
    const { page } = await openOrder({
      'canteen.orderForm': () =>
        orderForm({
          diners: [
            {
              residentId: 'r-demo-resident',
              name: '林晓燕',
              relation: 'self',
              relationLabel: '本人',
              buildingLabel: '5号楼',
              deliveryEligible: false,
              priceFen: 700,
              priceLabel: '7元',
            },
          ],
        }),
    });
    expect(page.instance.data.choices.mode).toBe('dine_in');
    expect(page.instance.data.screen.modes.find((m: { value: string }) => m.value === 'delivery').disabled).toBe(true);
    expect(allText(page)).toContain('送餐上门仅限社区登记的独居或行动不便老人');
  });

  test('a network failure keeps the request id (a retry cannot order twice); a refusal reloads with a new one', async () => {
    let attempt = 0;
    const { page, mock } = await openOrder({
      'canteen.orderForm': () => orderForm(),
      'canteen.placeOrder': () => {
        attempt++;
        if (attempt === 1) return new Error('cloud.callFunction:fail timeout');
        return { ok: false, error: { code: 'CONFLICT', message: '「土豆炖牛肉套餐」已经订完了，请换一道菜' } };
      },
    });

    await tap(page, IN_PAGE + '.order-bar >>> .t-button');
    await settle();
    expect(wxMock().showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '网络不太顺畅，请检查网络后再试' }),
    );
    await tap(page, IN_PAGE + '.order-bar >>> .t-button');
    await settle();

    const sent = calls(mock, 'canteen.placeOrder');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.requestId).toBe(sent[0]!.requestId);
    expect(wxExtra().showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: '「土豆炖牛肉套餐」已经订完了，请换一道菜' }),
    );
    // The form was reloaded to show what is left.
    expect(calls(mock, 'canteen.orderForm')).toHaveLength(2);
    expect(page.instance.data.state).toBe('ready');
  });

  test('staff take a phone order: search the senior, pick, give the reason', async () => {
    const { page, mock } = await openOrder({
      'canteen.orderForm': (data) =>
        data.dinerId
          ? orderForm({
              staffMode: true,
              diners: [
                {
                  residentId: 'r-demo-senior-nophone',
                  name: '钱长海',
                  relation: 'staff',
                  relationLabel: '5号楼3单元201',
                  buildingLabel: '5号楼',
                  deliveryEligible: true,
                  priceFen: 600,
                  priceLabel: '6元',
                },
              ],
            })
          : orderForm({ staffMode: true, diners: [] }),
      'canteen.findDiners': () => ({
        hits: [
          {
            residentId: 'r-demo-senior-nophone',
            name: '钱长海',
            addressLabel: '5号楼3单元201',
            phoneMasked: '176****0102',
            age: 86,
            deliveryEligible: true,
            livesAlone: true,
          },
        ],
      }),
      'canteen.placeOrder': () => orderView({ diner: { residentId: 'r-demo-senior-nophone', name: '钱长海' } }),
    });
    expect(allText(page)).toContain('请先在上面查找来电的老人');

    page.instance.onQuery({ detail: { value: '5-3-201' } });
    await page.instance.onSearch();
    await settle();
    expect(textOf(page, IN_PAGE + '.order-search >>> .t-cell__title-text')).toEqual(['钱长海（86岁）']);

    await tap(page, IN_PAGE + '.order-search >>> .t-cell');
    await settle();
    expect(calls(mock, 'canteen.orderForm').at(-1)).toMatchObject({ dinerId: 'r-demo-senior-nophone' });
    expect(page.instance.data.choices.proxyReason).toBe('老人来电订餐');

    await tap(page, IN_PAGE + '.order-bar >>> .t-button');
    await settle();
    expect(calls(mock, 'canteen.placeOrder')[0]).toMatchObject({
      dinerId: 'r-demo-senior-nophone',
      proxyReason: '老人来电订餐',
    });
  });
});

describe('我的订单', () => {
  test('upcoming orders show who ordered for whom, the cut-off, and cancel before it', async () => {
    const mock = route({
      'canteen.myOrders': () => ({
        upcoming: [orderView()],
        past: [
          orderView({
            id: 'o0',
            status: 'delivered',
            badge: { text: '已送达', theme: 'success', icon: 'check-circle' },
            cancellable: false,
            outcomeLabel: '11月25日 11:52 已送达',
          }),
        ],
        hasMore: false,
      }),
      'canteen.cancelOrder': () =>
        orderView({
          status: 'cancelled',
          badge: { text: '已取消', theme: 'default', icon: 'close-circle' },
          cancellable: false,
        }),
    });
    const page = renderPage('packages/canteen/pages/orders/index');
    page.instance.onShow();
    await settle();

    const card = textOf(page, IN_PAGE + '.orders-card')[0]!;
    expect(card).toContain('11月27日 周五 午餐');
    expect(card).toContain('赵桂兰 · 亲属赵文杰代订');
    expect(card).toContain('送餐上门 · 软烂');
    expect(card).toContain('明天 09:00 截止');
    expect(card).toContain('已预订');

    await tap(page, IN_PAGE + '.orders-card__action >>> .t-button');
    await settle();
    expect(calls(mock, 'canteen.cancelOrder')).toEqual([{ action: 'cancelOrder', orderId: 'o1' }]);
    expect(textOf(page, IN_PAGE + '.orders-card')[0]).toContain('已取消');
    expect(page.querySelectorAll(IN_PAGE + '.orders-card__action')).toHaveLength(0);

    page.instance.onTab({ detail: { value: 'past' } });
    await settle();
    expect(textOf(page, IN_PAGE + '.orders-card__outcome')).toEqual(['11月25日 11:52 已送达']);
  });

  test('nothing yet: says where to order', async () => {
    route({ 'canteen.myOrders': () => ({ upcoming: [], past: [], hasMore: false }) });
    const page = renderPage('packages/canteen/pages/orders/index');
    page.instance.onShow();
    await settle();
    expect(textOf(page, IN_PAGE + '.t-empty__description')).toEqual([
      '今天及以后还没有订单。在「食堂」页选好菜就能订餐。',
    ]);
  });
});

describe('对账单', () => {
  test('a relative sees a senior’s month: totals, unpaid, not collected, who ordered; switches seniors', async () => {
    const mock = route({ 'canteen.statement': () => statementView() });
    const page = renderPage('packages/canteen/pages/statement/index');
    page.instance.onLoad({ month: '2026-11', dinerId: 'r-demo-senior-nophone' });
    await settle();

    const summary = textOf(page, IN_PAGE + '.statement-summary')[0]!;
    expect(summary).toContain('钱长海');
    expect(summary).toContain('共 2 餐（2 份），合计 12元');
    expect(summary).toContain('已付 6元，未付 6元');
    expect(summary).toContain('其中 1 餐未取或送餐无人应答');
    expect(summary).toContain('亲属赵文杰代订：1 餐');
    expect(textOf(page, IN_PAGE + '.statement-status')).toEqual(['送餐未应答', '已送达']);
    // Only staff record payments.
    expect(allText(page)).not.toContain('登记线下收款');

    page.instance.onDiner({ detail: { value: 'r-demo-senior' } });
    await settle();
    expect(calls(mock, 'canteen.statement').at(-1)).toEqual({
      action: 'statement',
      month: '2026-11',
      dinerId: 'r-demo-senior',
    });
  });

  test('canteen staff record an offline payment', async () => {
    const mock = route({
      'canteen.statement': () => statementView({ canRecordPayment: true }),
      'canteen.recordPayment': () =>
        statementView({
          canRecordPayment: true,
          totals: { ...statementView().totals, paidFen: 1200, unpaidFen: 0, paidLabel: '12元', unpaidLabel: '0元' },
        }),
    });
    const page = renderPage('packages/canteen/pages/statement/index');
    page.instance.onLoad({ month: '2026-11', dinerId: 'r-demo-senior-nophone' });
    await settle();

    await tap(page, IN_PAGE + '.statement-pay >>> .t-button');
    await settle();
    expect(calls(mock, 'canteen.recordPayment')).toEqual([
      { action: 'recordPayment', dinerId: 'r-demo-senior-nophone', month: '2026-11' },
    ]);
    expect(textOf(page, IN_PAGE + '.statement-summary')[0]).toContain('已付 12元，未付 0元');
  });
});

describe('对账单 opened without a diner', () => {
  test('a relative who does not eat here sees the first senior, with that tab selected', async () => {
    const seniors = [
      { residentId: 'r-demo-senior', name: '孙秀兰' },
      { residentId: 'r-demo-senior-nophone', name: '钱长海' },
    ];
    const mock = route({
      'canteen.statement': (input: Record<string, unknown>) =>
        input.dinerId
          ? statementView({ diner: { residentId: String(input.dinerId), name: '孙秀兰' }, diners: seniors })
          : statementView({ diner: { residentId: 'r-demo-relative', name: '赵文杰' }, diners: seniors }),
    });
    const page = renderPage('packages/canteen/pages/statement/index');
    page.instance.onLoad({ month: '2026-11' });
    await settle();
    await settle();

    expect(calls(mock, 'canteen.statement').map((input) => input.dinerId)).toEqual([undefined, 'r-demo-senior']);
    expect(page.instance.data.dinerId).toBe('r-demo-senior');
    expect(textOf(page, IN_PAGE + '.statement-summary__name')).toEqual(['孙秀兰']);
    expect(textOf(page, IN_PAGE + '.t-tabs__item--active')).toEqual(['孙秀兰']);
  });
});

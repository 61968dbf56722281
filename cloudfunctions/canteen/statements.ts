/** Monthly statements per diner (meals, amounts, who ordered) and recording offline payments. */
import type { StatementView } from '../../typings/domain/canteen';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import { actsForOthers, isCanteenStaff, monthLabel, statementTotals, yuan } from '../shared/domain/canteen';
import { AppError } from '../shared/errors';
import type { OrderDoc } from './docs';
import { confirmedSeniors, findResident, loadAll } from './store';
import { orderedByLabel, statementLine } from './views';

const SERVED = ['delivered', 'collected', 'not_collected'];

/** Whose statements the caller may open: self, confirmed seniors; staff anyone's. */
async function viewableDiner(
  resident: ResidentDoc,
  dinerId: string,
  known: ResidentDoc[] | null,
): Promise<{ diner: ResidentDoc; choices: Array<{ residentId: string; name: string }> }> {
  const seniors = known ?? (await confirmedSeniors(resident._id));
  const choices = [
    ...(resident.binding.status === 'verified' ? [{ residentId: resident._id, name: `${resident.name}（本人）` }] : []),
    ...seniors.map((senior) => ({ residentId: senior._id, name: senior.name })),
  ];
  if (dinerId === resident._id) return { diner: resident, choices };
  const senior = seniors.find((candidate) => candidate._id === dinerId);
  if (senior) return { diner: senior, choices };
  if (actsForOthers(resident.roles)) {
    const diner = await findResident(dinerId);
    if (!diner) throw new AppError('NOT_FOUND', '没有找到这位居民');
    return { diner, choices: [...choices, { residentId: diner._id, name: diner.name }] };
  }
  // Never tell whether a stranger exists or eats at the canteen.
  throw new AppError('FORBIDDEN', '只能查看本人或已确认绑定的老人的对账单');
}

export async function buildStatement(
  resident: ResidentDoc,
  month: string,
  dinerId: string | undefined,
  seniors: ResidentDoc[] | null = null,
): Promise<StatementView> {
  const { diner, choices } = await viewableDiner(resident, dinerId ?? resident._id, seniors);
  const orders = await loadAll<OrderDoc>(
    'canteen_orders',
    { dinerId: diner._id, month, status: command().neq('cancelled') },
    {
      orderBy: [
        ['date', 'asc'],
        ['meal', 'desc'],
      ],
    },
  );
  const totals = statementTotals(orders.map((order) => ({ ...order, orderedByLabel: orderedByLabel(order) })));
  return {
    month,
    monthLabel: monthLabel(month),
    diner: { residentId: diner._id, name: diner.name },
    lines: orders.map(statementLine),
    totals: {
      ...totals,
      amountLabel: yuan(totals.amountFen),
      paidLabel: yuan(totals.paidFen),
      unpaidLabel: yuan(totals.unpaidFen),
    },
    diners: choices,
    canRecordPayment: isCanteenStaff(resident.roles),
  };
}

/** Marks every served, unpaid meal of the month paid (offline, at the canteen). */
export async function recordPayment(staff: ResidentDoc, dinerId: string, month: string, now: Date): Promise<number> {
  const _ = command();
  const { updated } = await collection('canteen_orders')
    .where({ dinerId, month, status: _.in(SERVED), 'payment.status': 'unpaid' })
    .update({ 'payment.status': 'paid', 'payment.paidAt': now, 'payment.recordedBy': staff._id });
  return updated;
}

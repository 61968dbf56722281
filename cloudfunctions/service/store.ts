/** Reads the service handlers share (whole listings go through shared/paging.ts readAll). */
import type { CollectionName } from '../shared/collections';
import { collection, command } from '../shared/cloud';
import type { RelativeLinkDoc, ResidentDoc } from '../shared/docs';
import { AppError } from '../shared/errors';
import type { BookingDoc, ItemDoc, RecordDoc, TicketDoc } from './docs';

async function one<T>(name: CollectionName, id: string): Promise<T | undefined> {
  const { data } = await collection(name).doc(id).get();
  return data[0] as T | undefined;
}

export async function requireItem(id: string): Promise<ItemDoc> {
  const item = await one<ItemDoc>('service_items', id);
  if (!item) throw new AppError('NOT_FOUND', '没有找到这个办事事项');
  return item;
}

export async function requireBooking(id: string): Promise<BookingDoc> {
  const booking = await one<BookingDoc>('service_bookings', id);
  if (!booking) throw new AppError('NOT_FOUND', '没有找到这个预约');
  return booking;
}

export async function requireTicket(id: string): Promise<TicketDoc> {
  const ticket = await one<TicketDoc>('service_tickets', id);
  if (!ticket) throw new AppError('NOT_FOUND', '没有找到这个号');
  return ticket;
}

export async function findRecord(id: string): Promise<RecordDoc | undefined> {
  return one<RecordDoc>('service_records', id);
}

export async function requireRecord(id: string): Promise<RecordDoc> {
  const record = await findRecord(id);
  if (!record) throw new AppError('NOT_FOUND', '没有找到这条办件记录');
  return record;
}

export async function findResident(id: string): Promise<ResidentDoc | undefined> {
  return one<ResidentDoc>('residents', id);
}

/** The seniors whose links to the relative are confirmed (two round trips; one when there are none). */
export async function confirmedSeniors(relativeId: string): Promise<ResidentDoc[]> {
  const _ = command();
  const { data } = await collection('relative_links').where({ relativeId, status: 'confirmed' }).limit(100).get();
  const ids = (data as RelativeLinkDoc[]).flatMap((link) => (link.seniorId ? [link.seniorId] : []));
  if (!ids.length) return [];
  const { data: people } = await collection('residents')
    .where({ _id: _.in(ids) })
    .limit(100)
    .get();
  return people as ResidentDoc[];
}

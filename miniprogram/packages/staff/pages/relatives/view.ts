/** A relative's request as staff see it, and the reasons staff usually record. */
import type { RelativeRequestView } from '../../../../../typings/functions/community';

export interface RequestCard {
  linkId: string;
  relativeName: string;
  relativePhone: string;
  requested: string;
  /** The senior it matched, in words; empty when it matched nobody. */
  senior: string;
  seniorNote: string;
  matched: boolean;
}

export const CONFIRM_REASONS = ['老人没有智能手机，已电话核实', '老人没有智能手机，已上门核实', '老人到社区当面确认'];
export const DECLINE_REASONS = ['老人表示不认识此人', '信息与登记不符，已告知亲属'];

export function requestCard(view: RelativeRequestView): RequestCard {
  return {
    linkId: view.linkId,
    relativeName: view.relativeName,
    relativePhone: view.relativePhone ?? '',
    requested: view.requestedLabel,
    senior: view.senior ? `${view.senior.name} · ${view.senior.addressLabel}` : '',
    seniorNote: view.senior ? (view.senior.hasWeChat ? '老人使用微信，可自己确认' : '老人未使用微信') : '',
    matched: Boolean(view.senior),
  };
}

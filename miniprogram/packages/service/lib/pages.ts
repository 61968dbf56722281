/** Where the service pages are, for navigation and for the entries on other pages. */
export const SERVICE_PAGES = {
  index: '/packages/service/pages/index/index',
  item: (id: string) => `/packages/service/pages/item/index?id=${id}`,
  book: (window: string, itemId?: string) =>
    `/packages/service/pages/book/index?window=${window}${itemId ? `&itemId=${itemId}` : ''}`,
  mine: '/packages/service/pages/mine/index',
  ticket: (forId?: string) => `/packages/service/pages/ticket/index${forId ? `?forId=${forId}` : ''}`,
  rate: (recordId: string) => `/packages/service/pages/rate/index?id=${recordId}`,
  desk: '/packages/service/pages/desk/index',
  screen: (window: string) => `/packages/service/pages/screen/index?window=${window}`,
  record: (recordId: string) => `/packages/service/pages/record/index?id=${recordId}`,
  /** Opens a record for a called number (the service chosen there when the number has none). */
  serve: (window: string, ticketId: string, itemId?: string) =>
    `/packages/service/pages/record/index?window=${window}&ticketId=${ticketId}${itemId ? `&itemId=${itemId}` : ''}`,
  records: '/packages/service/pages/records/index',
  slots: (window: string, date: string) => `/packages/service/pages/slots/index?window=${window}&date=${date}`,
  editor: (id?: string) => `/packages/service/pages/editor/index${id ? `?id=${id}` : ''}`,
  reviews: '/packages/service/pages/reviews/index',
  evaluation: '/packages/service/pages/evaluation/index',
} as const;

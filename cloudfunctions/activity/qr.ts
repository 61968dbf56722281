import { qrDataUrl } from '../shared/qr';

/** The ticket's QR code as a PNG data URL. */
export function ticketQr(text: string): Promise<string> {
  return qrDataUrl(text, { margin: 2, scale: 8 });
}

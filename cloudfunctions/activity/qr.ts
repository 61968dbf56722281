/**
 * The ticket's QR code as a PNG data URL, so the mini-program's <image> shows it without a
 * canvas or a client library. Error correction M survives a scratched phone screen.
 */
import QRCode from 'qrcode';

export function ticketQr(text: string): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, scale: 8 });
}

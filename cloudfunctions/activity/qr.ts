/**
 * The ticket's QR code as a PNG data URL, so the mini-program's <image> shows it without a
 * canvas or a client library. Error correction M survives a scratched phone screen.
 */
export async function ticketQr(text: string): Promise<string> {
  // Loaded on the first ticket only: most activity calls never draw one.
  const { default: QRCode } = await import('qrcode');
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, scale: 8 });
}

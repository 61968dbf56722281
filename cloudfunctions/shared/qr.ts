/**
 * A QR code as a PNG data URL, so the mini-program's <image> shows it without a canvas or a
 * client library. Error correction M survives a scratched phone screen. qrcode is loaded on
 * the first code drawn only: most calls of a function never draw one.
 */
export async function qrDataUrl(
  text: string,
  size: { margin: number; scale?: number; width?: number },
): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', ...size });
}

/**
 * Staff exports: a spreadsheet written to the caller's own export folder, answered with a
 * temporary URL the mini-program downloads and opens (wx.downloadFile + openDocument).
 */
import { cloudApp } from './cloud';
import { AppError } from './errors';
import { spreadsheet, type SheetSpec } from './spreadsheet';
import { temporaryUrls, uploadFolder } from './storage';
import { shanghai } from './time';

/** How long the download link works. */
const LINK_SECONDS = 2 * 3600;

export async function exportSpreadsheet(
  openid: string,
  /** File-name stem in the bucket, e.g. "notice-<id>-unread" (ASCII). */
  slug: string,
  sheets: readonly SheetSpec[],
  now: Date,
): Promise<{ fileID: string; url: string }> {
  const stamp = shanghai(now);
  const content = await spreadsheet(sheets, now);
  const cloudPath = `${uploadFolder('export', openid)}${stamp.format('YYYYMM')}/${slug}-${stamp.format('YYYYMMDDHHmmss')}.xlsx`;
  const { fileID } = await cloudApp().uploadFile({ cloudPath, fileContent: content });
  const url = (await temporaryUrls([fileID], LINK_SECONDS)).get(fileID);
  if (!url) throw new AppError('INTERNAL');
  return { fileID, url };
}

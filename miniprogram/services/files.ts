/**
 * Opening an exported spreadsheet on the phone: download the temporary URL, then
 * wx.openDocument with the share menu, so staff can forward it (e.g. to the accountant).
 * In the main package because every subpackage with an export uses it (a subpackage cannot
 * load another subpackage's code).
 */
import { isApiError, showApiError } from './api';

export function openSpreadsheet(file: { url: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.downloadFile({
      url: file.url,
      success: (download) => {
        if (download.statusCode !== 200) {
          reject(new Error(`download ${download.statusCode}`));
          return;
        }
        wx.openDocument({
          filePath: download.tempFilePath,
          fileType: 'xlsx',
          showMenu: true,
          success: () => resolve(),
          fail: (error) => reject(new Error(error.errMsg)),
        });
      },
      fail: (error) => reject(new Error(error.errMsg)),
    });
  });
}

/** Shows what went wrong with an export: the server's coded error, or the file not opening. */
export function exportFailed(error: unknown): void {
  if (isApiError(error)) showApiError(error);
  else wx.showToast({ title: '文件打开失败，请稍后再试', icon: 'none', duration: 3000 });
}

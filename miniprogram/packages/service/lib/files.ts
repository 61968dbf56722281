/**
 * Opening an exported spreadsheet on the phone: download the temporary URL, then
 * wx.openDocument with the share menu. (The canteen package has the same helper; a
 * subpackage cannot load another subpackage's code.)
 */
import type { ExportFile } from '../../../../typings/domain/service';

export function openSpreadsheet(file: ExportFile): Promise<void> {
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

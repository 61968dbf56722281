/** Staff import the community register from a spreadsheet they uploaded (dry run, then import). */
import type { RegisterSummary } from '../../typings/functions/community';
import type { Caller } from '../shared/caller';
import { cloudApp } from '../shared/cloud';
import { AppError } from '../shared/errors';
import { importRegister, readWorkbook } from '../shared/register';
import { acceptUploads } from '../shared/storage';

export async function importRegisterFile(
  caller: Caller,
  fileID: string,
  apply: boolean,
  now: Date,
): Promise<RegisterSummary> {
  // The caller's own upload, really an xlsx, within the size limit.
  await acceptUploads('register', caller.openid!, [fileID]);
  const { fileContent } = await cloudApp().downloadFile({ fileID });
  let sheets;
  try {
    sheets = await readWorkbook(fileContent as Buffer);
  } catch {
    throw new AppError('INVALID_INPUT', '无法读取这个表格，请用 Excel 另存为 .xlsx 后再上传');
  }
  return importRegister(sheets, { apply, actorId: caller.resident!._id, now });
}

/** Reads an exported spreadsheet back as Excel would show it: sheet name → rows of cell text. */
import ExcelJS from 'exceljs';

export interface ReadSheet {
  name: string;
  rows: string[][];
}

export async function readSpreadsheet(file: Buffer): Promise<ReadSheet[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  return book.worksheets.map((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) => {
      rows.push(
        (row.values as unknown[]).slice(1).map((value) => (value === undefined || value === null ? '' : String(value))),
      );
    });
    return { name: sheet.name, rows };
  });
}

export async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`download failed: ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

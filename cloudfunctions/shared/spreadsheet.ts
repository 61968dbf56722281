/**
 * Spreadsheets staff download (read receipts, volunteer hours, canteen statements, report
 * figures): xlsx written by exceljs, with a bold frozen header row and column widths. Text
 * cells stay text, so phone numbers and room numbers are never turned into numbers.
 */
import type ExcelJS from 'exceljs';

/** exceljs costs about as much to load as the SDK itself: only an export pays for it. */
async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

export type Cell = string | number;

export interface SheetSpec {
  name: string;
  /** First row = header (bold, frozen). */
  rows: Cell[][];
  /** Column widths in characters. */
  widths?: number[];
}

/** Excel's sheet-name rules: at most 31 characters, none of []:*?/\ . */
export function sheetName(name: string): string {
  const clean = Array.from(name.replace(/[[\]:*?/\\]/g, ' ').trim())
    .slice(0, 31)
    .join('');
  return clean || 'Sheet1';
}

export async function spreadsheet(sheets: readonly SheetSpec[], createdAt = new Date()): Promise<Buffer> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  workbook.creator = '长山花园社区';
  workbook.created = createdAt;
  const used = new Set<string>();
  for (const spec of sheets) {
    let name = sheetName(spec.name);
    for (let n = 2; used.has(name); n++) name = sheetName(`${spec.name.slice(0, 27)} (${n})`);
    used.add(name);
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    spec.rows.forEach((row) => {
      const added = sheet.addRow(row);
      row.forEach((value, index) => {
        if (typeof value === 'string') added.getCell(index + 1).numFmt = '@';
      });
    });
    sheet.getRow(1).font = { bold: true };
    spec.widths?.forEach((width, index) => {
      sheet.getColumn(index + 1).width = width;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Cell text as Excel shows it: numbers as typed, dates as YYYY-MM-DD, rich text joined, formulas' results. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('');
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  if (typeof value === 'object' && 'result' in value) return cellText(value.result as ExcelJS.CellValue);
  return String(value);
}

/** Every sheet of an xlsx file as rows of cell text (at most `maxRows` rows, `columns` columns if given). */
export async function readSheets(
  file: Buffer,
  limits: { maxRows?: number; columns?: number } = {},
): Promise<Array<{ name: string; rows: string[][] }>> {
  const Excel = await loadExcel();
  const book = new Excel.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  return book.worksheets.map((sheet) => {
    const rows: string[][] = [];
    for (let r = 1; r <= Math.min(sheet.rowCount, limits.maxRows ?? Infinity); r++) {
      const row = sheet.getRow(r);
      const width = limits.columns ?? Math.max(sheet.columnCount, row.cellCount);
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
      rows.push(cells);
    }
    return { name: sheet.name, rows };
  });
}

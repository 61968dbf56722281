/** The spreadsheet writer, read back with exceljs as a staff member's Excel would open it. */
import ExcelJS from 'exceljs';
import { sheetName, spreadsheet } from '../../cloudfunctions/shared/spreadsheet';

describe('spreadsheet', () => {
  it('writes sheets whose text stays text, with a bold frozen header', async () => {
    const buffer = await spreadsheet([
      {
        name: '未读住户',
        rows: [
          ['住址', '电话', '人数'],
          ['5号楼2单元301', '17600000100', 2],
        ],
        widths: [20, 16, 8],
      },
      { name: '未读住户', rows: [['a']] },
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['未读住户', '未读住户 (2)']);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(2).values).toEqual([undefined, '5号楼2单元301', '17600000100', 2]);
    expect(sheet.getCell('B2').numFmt).toBe('@');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBe(20);
  });

  it('keeps sheet names within Excel’s rules', () => {
    expect(sheetName('2026/11 报事:统计*')).toBe('2026 11 报事 统计');
    expect(Array.from(sheetName('很长'.repeat(30)))).toHaveLength(31);
    expect(sheetName('  ')).toBe('Sheet1');
  });
});

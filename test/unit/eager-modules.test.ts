/** The size check's guard on heavy modules: a static import in a bundle fails it, import() does not. */
import { eagerHeavyModules } from '../../scripts/check-size';

it('finds a heavy module required at load, not one imported where used', () => {
  expect(eagerHeavyModules('var a=ft(require("exceljs"));var b=require("node:crypto");')).toEqual(['exceljs']);
  expect(eagerHeavyModules('async function q(){return(await import("qrcode")).default}')).toEqual([]);
});

/** The tab bar names an icon for every tab, selected and not, within WeChat's limits. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

const ROOT = join(__dirname, '..', '..', 'miniprogram');
const app = JSON.parse(readFileSync(join(ROOT, 'app.json'), 'utf8')) as {
  tabBar: { list: Array<{ pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }> };
};

describe('tab bar icons', () => {
  test.each(app.tabBar.list.map((tab) => [tab.text, tab] as const))('%s has both icons', (_text, tab) => {
    expect(tab.iconPath).toBeTruthy();
    expect(tab.selectedIconPath).toBeTruthy();
    expect(tab.iconPath).not.toBe(tab.selectedIconPath);
    for (const path of [tab.iconPath!, tab.selectedIconPath!]) {
      const file = join(ROOT, path);
      // WeChat: PNG/JPG, at most 40 KB; 81×81 px recommended.
      expect(statSync(file).size).toBeLessThanOrEqual(40 * 1024);
      const png = PNG.sync.read(readFileSync(file));
      expect([png.width, png.height]).toEqual([81, 81]);
      // Something is drawn, on a transparent ground.
      const alpha = Array.from({ length: png.width * png.height }, (_, i) => png.data[i * 4 + 3]!);
      expect(alpha.some((a) => a > 200)).toBe(true);
      expect(alpha[0]).toBe(0);
    }
  });

  test('the selected icon is drawn heavier, not only in another colour', () => {
    const ink = (path: string) => {
      const png = PNG.sync.read(readFileSync(join(ROOT, path)));
      let sum = 0;
      for (let i = 3; i < png.data.length; i += 4) sum += png.data[i]!;
      return sum;
    };
    for (const tab of app.tabBar.list) expect(ink(tab.selectedIconPath!)).toBeGreaterThan(ink(tab.iconPath!) * 1.2);
  });
});

/**
 * Fictional people for the demo community: names are drawn from common surnames and
 * given-name characters by a seeded generator, so every run yields the same community
 * and nobody real is depicted.
 */
const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '建华秀英桂兰淑珍玉梅国强志明丽娟晓燕海峰春生德福永庆凤霞文杰静怡子涵雨桐思远嘉宁立新红梅树林少华翠花长海宝山金凤雅琴博文浩然一鸣';

/** Mulberry32: tiny deterministic PRNG so the demo data is stable run to run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

export function fictionalName(random: () => number): string {
  const surname = pick(random, [...SURNAMES]);
  const given = [...GIVEN];
  return random() < 0.4 ? surname + pick(random, given) : surname + pick(random, given) + pick(random, given);
}

/** Phone numbers in a block no real subscriber holds in the demo (176 0000 xxxx). */
export function fictionalPhone(index: number): string {
  return `1760000${String(index).padStart(4, '0')}`;
}

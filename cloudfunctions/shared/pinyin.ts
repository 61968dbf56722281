/**
 * Chinese text to toneless pinyin syllables, for the handbook's search keys. pinyin-pro's
 * dictionary costs about half a cold start to load, and only writing an item needs it
 * (searches match the keys stored then): the function loads it on its first write.
 */
import type { pinyin as PinyinFn } from 'pinyin-pro';

/** 低保证 → ['di', 'bao', 'zheng'] (non-Chinese runs kept whole). */
export type Syllabify = (text: string) => string[];

export function syllabifyWith(pinyin: typeof PinyinFn): Syllabify {
  return (text) => pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
}

let loading: Promise<Syllabify> | undefined;

export function loadSyllabify(): Promise<Syllabify> {
  loading ??= import('pinyin-pro').then(({ pinyin }) => syllabifyWith(pinyin));
  // A failed load is not remembered: the next write tries again.
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * 设置: 长辈模式. The switch shows whether elder mode is on right now; turning it on or
 * off records an explicit choice. Without a choice it follows the WeChat font size, and
 * "跟随微信字体大小" returns to that. The page itself is the preview: it changes size at once.
 */
import {
  ELDER_FONT_SCALE_THRESHOLD,
  elderBehavior,
  fontScale,
  isElderMode,
  readElderPreference,
  rootClassFor,
  writeElderPreference,
  type ElderPreference,
} from '../../behaviors/elder';

interface SettingsView {
  preference: ElderPreference;
  /** e.g. "微信字体：标准" or "微信字体：1.4 倍（较大）". */
  fontLabel: string;
  /** Where the current state comes from, in words. */
  sourceLabel: string;
}

function describe(preference: ElderPreference, elder: boolean): SettingsView {
  const scale = fontScale();
  const large = scale >= ELDER_FONT_SCALE_THRESHOLD;
  const fontLabel =
    Math.abs(scale - 1) < 0.01
      ? '微信字体：标准大小'
      : `微信字体：标准的 ${Number(scale.toFixed(2))} 倍${large ? '（较大）' : ''}`;
  let sourceLabel: string;
  if (preference === 'on') sourceLabel = '您已手动开启长辈模式';
  else if (preference === 'off') sourceLabel = '您已手动关闭长辈模式';
  else sourceLabel = elder ? '跟随微信字体大小：已自动开启' : '跟随微信字体大小：未开启';
  return { preference, fontLabel, sourceLabel };
}

Component({
  behaviors: [elderBehavior],
  data: {
    settings: describe('auto', false),
  },
  lifetimes: {
    attached() {
      this.refresh();
    },
  },
  pageLifetimes: {
    show() {
      this.refresh();
    },
  },
  methods: {
    refresh() {
      const preference = readElderPreference();
      const elder = isElderMode(preference);
      this.setData({ elder, rootClass: rootClassFor(elder), settings: describe(preference, elder) });
    },
    apply(preference: ElderPreference) {
      writeElderPreference(preference);
      this.refresh();
      const elder = this.data.elder;
      wx.showToast({ title: elder ? '长辈模式已开启' : '长辈模式已关闭', icon: 'none', duration: 2000 });
    },
    /** The switch itself. */
    onElderChange(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.apply(event.detail.value ? 'on' : 'off');
    },
    /** A tap anywhere else on the row toggles too: a bigger target than the switch. */
    onElderRowTap() {
      this.apply(this.data.elder ? 'off' : 'on');
    },
    onFollowFont() {
      this.apply('auto');
    },
    /** Keeps a tap on the switch from also reaching the row. */
    noop() {},
  },
});

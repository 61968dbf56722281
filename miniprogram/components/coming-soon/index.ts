/**
 * The honest placeholder of a feature still being built: what it will do, marked
 * 即将开放, with no fake data. Used by the 议事 / 活动 / 食堂 tab pages.
 */
Component({
  properties: {
    /** Feature name, e.g. "居民议事". */
    title: { type: String, value: '' },
    /** One sentence on what the feature will do. */
    description: { type: String, value: '' },
    /** tdesign icon name. */
    icon: { type: String, value: 'time' },
  },
});

/**
 * A reason to record, chosen from the usual ones with one tap or written out. Emits
 * `change` with the reason (empty while none).
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    /** The usual reasons, one tap each. */
    presets: { type: Array, value: [] as string[] },
    placeholder: { type: String, value: '也可以自己填写原因' },
  },
  data: {
    reason: '',
    chosen: '',
  },
  methods: {
    onPreset(event: WechatMiniprogram.TouchEvent) {
      const reason = (event.currentTarget.dataset as { reason: string }).reason;
      this.setData({ chosen: reason, reason });
      this.triggerEvent('change', { reason });
    },
    onText(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const reason = event.detail.value;
      this.setData({ reason, chosen: '' });
      this.triggerEvent('change', { reason: reason.trim() });
    },
  },
});

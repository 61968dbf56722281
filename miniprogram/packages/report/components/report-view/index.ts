/**
 * One report as the viewer may see it: status in words, what and where, photos (tap to
 * enlarge), who is responsible, the outcome, the rating and the timeline, newest first.
 * Used by the resident's detail page and the handler's page alike; the server already
 * left out what the viewer may not see.
 */
import type { DetailScreen, PhotoView } from '../../view';

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    screen: { type: Object, value: null },
  },
  methods: {
    onPreview(event: WechatMiniprogram.TouchEvent<object, object, { url: string; group: string }>) {
      const { url, group } = event.currentTarget.dataset;
      if (!url) return;
      const screen = this.data.screen as DetailScreen | null;
      const list: PhotoView[] =
        group === 'resolution'
          ? (screen?.resolution?.photos ?? [])
          : group === 'report'
            ? (screen?.photos ?? [])
            : (screen?.timeline.flatMap((entry) => entry.photos) ?? []);
      void wx.previewImage({ urls: list.map((photo) => photo.url).filter(Boolean), current: url });
    },
  },
});

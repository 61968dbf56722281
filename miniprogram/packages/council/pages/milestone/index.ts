/**
 * 落实进展 (managers): one step of an adopted topic's implementation — what happened (or
 * is planned) on which date, with photos; the last one marks the topic 已完成. Everyone
 * who took part is told. One call: council.milestone (photos uploaded first).
 */
import { elderBehavior } from '../../../../behaviors/elder';
import { call, isApiError, showApiError } from '../../../../services/api';
import { addPhotos, type Photo } from '../../lib/media';
import { formatDate } from '../open-vote/form';
import { newRequestId } from '../../../../utils/request-id';

const MAX_PHOTOS = 6;

Component({
  behaviors: [elderBehavior],
  data: {
    id: '',
    title: '',
    note: '',
    date: formatDate(new Date()),
    photos: [] as Photo[],
    done: false,
    maxPhotos: MAX_PHOTOS,
    error: '',
    uploading: false,
    busy: false,
    /** One per form, kept across a retry: a lost answer's retry answers the milestone added. */
    requestId: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
    },
    onTitleChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ title: event.detail.value, error: '' });
    },
    onNoteChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ note: event.detail.value });
    },
    onDateChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ date: event.detail.value });
    },
    onDoneTap() {
      this.setData({ done: !this.data.done });
    },
    async onAddPhotos() {
      const left = MAX_PHOTOS - this.data.photos.length;
      if (left <= 0) return;
      this.setData({ uploading: true });
      try {
        const photos = await addPhotos(left);
        if (photos.length) this.setData({ photos: [...this.data.photos, ...photos] });
      } catch (error) {
        if (isApiError(error)) showApiError(error);
        else
          wx.showToast({ title: (error as Error).message || '照片上传失败，请稍后再试', icon: 'none', duration: 3000 });
      } finally {
        this.setData({ uploading: false });
      }
    },
    onRemovePhoto(event: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({ photos: this.data.photos.filter((_photo, i) => i !== index) });
    },
    async onSubmit() {
      if (this.data.busy || this.data.uploading) return;
      const title = this.data.title.trim();
      if (Array.from(title).length < 2) {
        this.setData({ error: '请写一句话说明这一步做了什么' });
        return;
      }
      const note = this.data.note.trim();
      const requestId = this.data.requestId || newRequestId();
      this.setData({ busy: true, requestId });
      try {
        const result = await call('council', 'milestone', {
          id: this.data.id,
          title,
          ...(note ? { note } : {}),
          date: this.data.date,
          images: this.data.photos.map((photo) => photo.fileID),
          done: this.data.done,
          requestId,
        });
        const told = result.notified ? `，已通知 ${result.notified.recipients} 人` : '';
        wx.showToast({
          title: `${result.status === 'completed' ? '议题已落实完成' : '进展已发布'}${told}`,
          icon: 'none',
          duration: 3000,
        });
        void wx.navigateBack();
      } catch (error) {
        showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});

/**
 * 志愿服务时长证明: the certificate as issued (for students in the school's format: name,
 * school, period, hours, signed by the community), its verification code and QR; 保存图片
 * draws it on a Canvas 2D and saves it to the album (wx.canvasToTempFilePath, then
 * wx.saveImageToPhotosAlbum). volunteer.certificate loads it.
 */
import type { CertificateView } from '../../../../../typings/domain/volunteer';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call } from '../../../../services/api';
import { CERT_HEIGHT, CERT_WIDTH, drawCertificate, type Ctx2D } from './draw';

interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): Ctx2D & { scale(x: number, y: number): void };
  createImage(): { src: string; onload: (() => void) | null; onerror: ((error: unknown) => void) | null };
}

/**
 * Saving needs Canvas 2D export and the album; where they are missing (the browser preview
 * does not imitate canvas) the page says how to keep the certificate instead.
 */
export function canDrawAndSave(): boolean {
  return typeof wx.canIUse === 'function'
    ? wx.canIUse('canvasToTempFilePath') && wx.canIUse('saveImageToPhotosAlbum')
    : typeof wx.canvasToTempFilePath === 'function';
}

Component({
  behaviors: [elderBehavior, loadable<{ cert: CertificateView }>({ emptyOn: ['NOT_FOUND'] })],
  data: {
    code: '',
    cert: null as CertificateView | null,
    saving: false,
    canSave: false,
    width: CERT_WIDTH,
    height: CERT_HEIGHT,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ code: options.code ?? '', canSave: canDrawAndSave() });
      void this.load();
    },
    async fetch() {
      return { cert: await call('volunteer', 'certificate', { code: this.data.code }) };
    },
    /** The canvas node, once the page has rendered it. */
    canvasNode(): Promise<CanvasNode> {
      return new Promise((resolve, reject) => {
        this.createSelectorQuery()
          .select('.certificate-canvas')
          .fields({ node: true, size: true })
          .exec((result: Array<{ node?: CanvasNode } | null>) => {
            const node = result[0]?.node;
            if (node) resolve(node);
            else reject(new Error('no canvas'));
          });
      });
    },
    async onSave() {
      const cert = this.data.cert;
      if (!cert || this.data.saving) return;
      this.setData({ saving: true });
      try {
        const canvas = await this.canvasNode();
        canvas.width = CERT_WIDTH;
        canvas.height = CERT_HEIGHT;
        const qr = canvas.createImage();
        await new Promise<void>((resolve, reject) => {
          qr.onload = () => resolve();
          qr.onerror = reject;
          qr.src = cert.qr;
        });
        drawCertificate(canvas.getContext('2d'), cert, qr);
        const { tempFilePath } = await wx.canvasToTempFilePath({
          canvas,
        } as unknown as WechatMiniprogram.CanvasToTempFilePathOption);
        await wx.saveImageToPhotosAlbum({ filePath: tempFilePath });
        wx.showToast({ title: '已保存到相册', icon: 'none', duration: 3000 });
      } catch (error) {
        console.warn('[certificate] not saved', error);
        wx.showToast({ title: '没有保存成功，可以截屏保存', icon: 'none', duration: 3000 });
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});

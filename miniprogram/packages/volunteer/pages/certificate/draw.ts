/**
 * The certificate as an image: a plain layout (lines of text with their size and place)
 * computed from the certificate, then drawn on a Canvas 2D context. The layout is what the
 * page test checks; drawing only follows it.
 */
import type { CertificateView } from '../../../../../typings/domain/volunteer';

export const CERT_WIDTH = 750;
export const CERT_HEIGHT = 1060;

export interface CertLine {
  text: string;
  x: number;
  y: number;
  size: number;
  bold?: boolean;
  align: 'left' | 'center' | 'right';
}

/** The certificate's text, for the general and the school format. */
export function certificateLines(cert: CertificateView): CertLine[] {
  const lines: CertLine[] = [];
  const center = (text: string, y: number, size: number, bold = false) =>
    lines.push({ text, x: CERT_WIDTH / 2, y, size, bold, align: 'center' });
  const left = (text: string, y: number, size = 30) => lines.push({ text, x: 80, y, size, align: 'left' });
  center('志愿服务时长证明', 130, 52, true);
  let y = 230;
  left(`姓名：${cert.name}`, y);
  if (cert.student) {
    y += 56;
    left(`学校：${cert.student.school}`, y);
    if (cert.student.major || cert.student.grade) {
      y += 56;
      left(`专业年级：${[cert.student.major, cert.student.grade].filter(Boolean).join(' ')}`, y);
    }
    if (cert.student.studentNo) {
      y += 56;
      left(`学号：${cert.student.studentNo}`, y);
    }
  }
  y += 56;
  left(`服务时段：${cert.periodLabel}`, y);
  y += 56;
  left(`累计志愿服务：${cert.hours} 小时（${cert.records} 次）`, y);
  for (const team of cert.teams.slice(0, 4)) {
    y += 48;
    left(`  ${team.teamName}：${team.hours} 小时`, y, 28);
  }
  y += 80;
  left('特此证明。', y);
  lines.push({ text: cert.issuer, x: CERT_WIDTH - 80, y: 800, size: 30, align: 'right' });
  lines.push({ text: cert.issuedLabel, x: CERT_WIDTH - 80, y: 850, size: 30, align: 'right' });
  lines.push({ text: `验证码：${cert.code}`, x: 80, y: 1000, size: 26, align: 'left' });
  return lines;
}

/** The part of a Canvas 2D context the drawing uses (WeChat's and the browser's alike). */
export interface Ctx2D {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  font: string;
  textAlign: string;
  textBaseline: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  drawImage(image: unknown, x: number, y: number, w: number, h: number): void;
}

export function drawCertificate(ctx: Ctx2D, cert: CertificateView, qr: unknown): void {
  ctx.fillStyle = '#fffdf7';
  ctx.fillRect(0, 0, CERT_WIDTH, CERT_HEIGHT);
  ctx.strokeStyle = '#b3261e';
  ctx.lineWidth = 6;
  ctx.strokeRect(24, 24, CERT_WIDTH - 48, CERT_HEIGHT - 48);
  ctx.fillStyle = '#1a1a1a';
  ctx.textBaseline = 'alphabetic';
  for (const line of certificateLines(cert)) {
    ctx.font = `${line.bold ? 'bold ' : ''}${line.size}px sans-serif`;
    ctx.textAlign = line.align;
    ctx.fillText(line.text, line.x, line.y);
  }
  ctx.drawImage(qr, 80, 780, 180, 180);
}

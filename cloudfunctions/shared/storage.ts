/**
 * The storage service: where uploads go and what the server accepts. Each caller uploads
 * under uploads/<domain>/<owner key>/ — the owner key is a hash of the OPENID, so paths
 * shown to other residents never carry the OPENID itself — and a function refuses any
 * fileID outside the caller's own folder, a missing file, or one whose real size or type
 * (sniffed from its first bytes, not its name) breaks the domain's limits.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { UploadDomain, UploadSlot } from '../../typings/domain/content';
import { cloudApp } from './cloud';
import { AppError } from './errors';
import { shanghai } from './time';

export type FileType = 'jpg' | 'png' | 'webp' | 'gif' | 'pdf' | 'docx' | 'xlsx' | 'csv';

interface DomainRule {
  types: readonly FileType[];
  maxBytes: number;
  maxFiles: number;
}

const IMAGES = ['jpg', 'png', 'webp', 'gif'] as const;
const MB = 1024 * 1024;

export const UPLOAD_RULES: Record<UploadDomain, DomainRule> = {
  notice: { types: [...IMAGES, 'pdf', 'docx', 'xlsx'], maxBytes: 10 * MB, maxFiles: 9 },
  topic: { types: IMAGES, maxBytes: 5 * MB, maxFiles: 6 },
  activity: { types: IMAGES, maxBytes: 5 * MB, maxFiles: 6 },
  report: { types: IMAGES, maxBytes: 5 * MB, maxFiles: 3 },
  canteen: { types: IMAGES, maxBytes: 5 * MB, maxFiles: 6 },
  export: { types: ['xlsx', 'csv'], maxBytes: 20 * MB, maxFiles: 1 },
  /** Photos of what a document looks like, in the service handbook. */
  service: { types: IMAGES, maxBytes: 5 * MB, maxFiles: 6 },
  // Inspection photos and device spreadsheets (安全).
  safety: { types: [...IMAGES, 'xlsx', 'csv'], maxBytes: 10 * MB, maxFiles: 6 },
  // A visit's photo (关爱), seen only by the person's circle.
  care: { types: IMAGES, maxBytes: 5 * MB, maxFiles: 1 },
  /** The community register staff import (community.importRegister). */
  register: { types: ['xlsx'], maxBytes: 10 * MB, maxFiles: 1 },
};

export function ownerKey(openid: string): string {
  return createHash('sha256').update(`cs-upload:${openid}`).digest('hex').slice(0, 16);
}

export function uploadFolder(domain: UploadDomain, openid: string): string {
  return `uploads/${domain}/${ownerKey(openid)}/`;
}

/** Slots the client uploads into; names are random so nobody can guess another file. */
export function uploadSlots(domain: UploadDomain, openid: string, exts: readonly string[], now: Date): UploadSlot[] {
  const rule = UPLOAD_RULES[domain];
  if (exts.length > rule.maxFiles) throw new AppError('INVALID_INPUT', `最多上传${rule.maxFiles}个文件`);
  return exts.map((raw) => {
    const ext = normaliseExt(raw);
    if (!ext || !rule.types.includes(ext)) throw new AppError('INVALID_INPUT', '不支持的文件类型');
    return {
      cloudPath: `${uploadFolder(domain, openid)}${shanghai(now).format('YYYYMM')}/${randomBytes(12).toString('hex')}.${ext}`,
      maxBytes: rule.maxBytes,
    };
  });
}

function normaliseExt(raw: string): FileType | undefined {
  const ext = raw.toLowerCase().replace(/^\./, '');
  const mapped = ext === 'jpeg' ? 'jpg' : ext;
  return (['jpg', 'png', 'webp', 'gif', 'pdf', 'docx', 'xlsx', 'csv'] as const).find((type) => type === mapped);
}

/** The path inside the bucket of a `cloud://<env>.<bucket>/<path>` file id. */
export function pathOfFileId(fileID: string): string | undefined {
  const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID);
  return match?.[1];
}

/** What a file's first bytes say it is. */
export function sniffType(head: Uint8Array, path: string): FileType | undefined {
  const starts = (...bytes: number[]) => bytes.every((byte, index) => head[index] === byte);
  if (starts(0xff, 0xd8, 0xff)) return 'jpg';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45) return 'webp';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'pdf';
  // docx and xlsx are zip containers; the extension tells which.
  if (starts(0x50, 0x4b, 0x03, 0x04))
    return path.endsWith('.xlsx') ? 'xlsx' : path.endsWith('.docx') ? 'docx' : undefined;
  if (path.endsWith('.csv')) return 'csv';
  return undefined;
}

export function checkOwnedPaths(domain: UploadDomain, openid: string, fileIDs: readonly string[]): void {
  const folder = uploadFolder(domain, openid);
  const rule = UPLOAD_RULES[domain];
  if (fileIDs.length > rule.maxFiles) throw new AppError('INVALID_INPUT', `最多上传${rule.maxFiles}个文件`);
  for (const fileID of fileIDs) {
    const path = pathOfFileId(fileID);
    if (!path || !path.startsWith(folder) || path.includes('..')) {
      throw new AppError('FORBIDDEN', '只能使用自己上传的文件');
    }
  }
}

/**
 * Accepts the caller's uploads for a domain: own folder, present, within the size and
 * type limits. One round trip for the temp URLs, then a ranged read of each file's head.
 */
export async function acceptUploads(domain: UploadDomain, openid: string, fileIDs: readonly string[]): Promise<void> {
  if (!fileIDs.length) return;
  checkOwnedPaths(domain, openid, fileIDs);
  const rule = UPLOAD_RULES[domain];
  const urls = await temporaryUrls(fileIDs);
  await Promise.all(
    fileIDs.map(async (fileID) => {
      const url = urls.get(fileID);
      if (!url) throw new AppError('INVALID_INPUT', '文件不存在，请重新上传');
      const { size, head } = await readHead(url);
      const type = sniffType(head, pathOfFileId(fileID)!);
      if (!type || !rule.types.includes(type)) throw new AppError('INVALID_INPUT', '不支持的文件类型');
      if (size > rule.maxBytes) throw new AppError('INVALID_INPUT', `文件不能超过${Math.floor(rule.maxBytes / MB)}MB`);
    }),
  );
}

async function readHead(url: string): Promise<{ size: number; head: Uint8Array }> {
  const response = await fetch(url, { headers: { Range: 'bytes=0-15' } });
  if (!response.ok) throw new AppError('INVALID_INPUT', '文件不存在，请重新上传');
  const total = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1];
  const size = Number(total ?? response.headers.get('content-length') ?? Number.NaN);
  const reader = response.body?.getReader();
  const first = reader ? await reader.read() : { value: undefined };
  await reader?.cancel();
  return { size: Number.isFinite(size) ? size : Number.MAX_SAFE_INTEGER, head: first.value ?? new Uint8Array() };
}

/** getTempFileURL takes at most 50 files a call (WeChat cloud docs). */
export const TEMP_URL_BATCH = 50;

/** Temp URLs for files, 50 a request (in parallel); missing files are simply absent from the map. */
export async function temporaryUrls(fileIDs: readonly string[], maxAgeSeconds = 3600): Promise<Map<string, string>> {
  const unique = [...new Set(fileIDs)];
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += TEMP_URL_BATCH) batches.push(unique.slice(i, i + TEMP_URL_BATCH));
  const answers = await Promise.all(
    batches.map((batch) =>
      cloudApp().getTempFileURL({ fileList: batch.map((fileID) => ({ fileID, maxAge: maxAgeSeconds })) }),
    ),
  );
  return new Map(
    answers
      .flatMap((answer) => answer.fileList)
      .filter((file) => file.code === 'SUCCESS' && file.tempFileURL)
      .map((file) => [file.fileID, file.tempFileURL]),
  );
}

/** The service refuses a deleteFile of more files than this (INVALID_PARAM). */
export const DELETE_FILES_PER_CALL = 50;

/** Deletes files of withdrawn or rejected content; missing files are not an error. */
export async function deleteFiles(fileIDs: readonly string[]): Promise<void> {
  for (let i = 0; i < fileIDs.length; i += DELETE_FILES_PER_CALL) {
    await cloudApp().deleteFile({ fileList: fileIDs.slice(i, i + DELETE_FILES_PER_CALL) });
  }
}

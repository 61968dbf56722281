/**
 * The resident archive (居民档案), privacy first. A minimal record per person: household
 * ties (the household's members, the bound relatives as emergency contacts) and the health
 * notes the person chooses to share, each field marked who may read it.
 *
 * - Readers: the person; a confirmed relative (fields shared with relatives); an assigned
 *   carer of an active care plan (fields shared with carers). Nobody else — not staff, not
 *   the branch secretary — unless assigned as a carer.
 * - Every read by someone other than the person is written to the access log BEFORE the
 *   archive is answered (no log, no read); so are exports, changes and erasure. The person
 *   and their relatives see the log on the archive page.
 * - Changing, exporting and erasing belong to the person; a bound relative does them for a
 *   senior without WeChat (recorded as acting for them); staff erase on the person's
 *   documented request, with the reason.
 * - Archive fields are read and written only here: no list, export or push of the care
 *   function carries them.
 *
 * The page costs the person two round trips: who they are, and one aggregate joining the
 * archive, the relatives, the household, the care plan and the log; a relative or carer
 * one more, the log entry of their read.
 */
import type { ArchiveField, ArchiveView, ArchiveViewer } from '../../typings/domain/care';
import type { ArchiveFieldsInput } from '../../typings/functions/care';
import { collection, command, database } from '../shared/cloud';
import type { ProxyRecord, RelativeLinkDoc, ResidentDoc } from '../shared/docs';
import { addressLabel } from '../shared/domain/labels';
import { publicName } from '../shared/domain/residents';
import { AppError } from '../shared/errors';
import { exportSpreadsheet } from '../shared/exports';
import { proxyRecord } from '../shared/proxy';
import { randomBytes } from 'node:crypto';
import type { AccessLogDoc, ArchiveDoc, CareEntryDoc } from './docs';
import {
  archiveActor,
  archiveViewer,
  ARCHIVE_FIELDS,
  atLabel,
  categoryLabels,
  consentLabel,
  DEFAULT_SHARE,
  FIELD_LABELS,
  fieldVisible,
  frequencyLabel,
  isStaff,
  RETENTION,
  visibleToLabel,
} from './rules';
import { residentsByIds } from './store';
import { contactOf } from './views';

const LOG_SHOWN = 30;

interface Facts {
  subject: ResidentDoc;
  archive?: ArchiveDoc;
  links: RelativeLinkDoc[];
  relatives: ResidentDoc[];
  household: ResidentDoc[];
  entry?: CareEntryDoc;
  /** The latest access log entries, newest first (only when asked for). */
  log?: AccessLogDoc[];
}

/**
 * The person and everything the archive shows or decides with, in one round trip; with
 * `withLog`, the latest access log too (read before the caller is authorised, shown only
 * after: a refused reader is answered from the same facts and sees none of it).
 */
async function loadFacts(subjectId: string, withLog = false): Promise<Facts | undefined> {
  const _ = command();
  const $ = database().command.aggregate;
  let pipeline = collection('residents')
    .aggregate()
    .match({ _id: subjectId, 'binding.status': 'verified', householdId: _.exists(true) })
    .limit(1)
    .lookup({ from: 'care_archives', localField: '_id', foreignField: '_id', as: 'archiveDocs' })
    .lookup({ from: 'relative_links', localField: '_id', foreignField: 'seniorId', as: 'links' })
    .lookup({ from: 'residents', localField: 'links.relativeId', foreignField: '_id', as: 'relativeDocs' })
    .lookup({ from: 'residents', localField: 'householdId', foreignField: 'householdId', as: 'householdDocs' })
    .lookup({ from: 'care_list', localField: '_id', foreignField: '_id', as: 'entries' });
  if (withLog) {
    pipeline = pipeline.lookup({
      from: 'care_access_log',
      pipeline: $.pipeline().match({ subjectId }).sort({ at: -1 }).limit(LOG_SHOWN).done(),
      as: 'logDocs',
    });
  }
  const { data } = (await pipeline.end()) as {
    data: Array<
      ResidentDoc & {
        archiveDocs: ArchiveDoc[];
        links: RelativeLinkDoc[];
        relativeDocs: ResidentDoc[];
        householdDocs: ResidentDoc[];
        entries: CareEntryDoc[];
        logDocs?: AccessLogDoc[];
      }
    >;
  };
  const row = data[0];
  if (!row) return undefined;
  const { archiveDocs, links, relativeDocs, householdDocs, entries, logDocs, ...subject } = row;
  const confirmed = links.filter((link) => link.status === 'confirmed');
  const relativeIds = new Set(confirmed.map((link) => link.relativeId));
  return {
    subject,
    ...(archiveDocs[0] ? { archive: archiveDocs[0] } : {}),
    links: confirmed,
    relatives: relativeDocs.filter((person) => relativeIds.has(person._id)),
    household: householdDocs.filter((person) => person._id !== subject._id && person.binding?.status === 'verified'),
    ...(entries[0] ? { entry: entries[0] } : {}),
    ...(logDocs ? { log: logDocs } : {}),
  };
}

function viewerIn(facts: Facts, me: ResidentDoc): ArchiveViewer | null {
  return archiveViewer({
    self: facts.subject._id === me._id,
    relative: facts.links.some((link) => link.relativeId === me._id),
    carer: facts.entry?.status === 'active' && facts.entry.plan.carerIds.includes(me._id),
  });
}

async function factsFor(subjectId: string, withLog = false): Promise<Facts> {
  const facts = await loadFacts(subjectId, withLog);
  if (!facts) throw new AppError('NOT_FOUND', '住户信息认证后才能建立档案');
  return facts;
}

function logId(subjectId: string, now: Date): string {
  return `AL${now.getTime().toString(36)}${randomBytes(4).toString('hex')}-${subjectId}`.slice(0, 64);
}

async function writeLog(entry: Omit<AccessLogDoc, '_id'>): Promise<string> {
  const id = logId(entry.subjectId, entry.at);
  await collection('care_access_log').add({ _id: id, ...entry });
  return id;
}

/** The log as it stands after `entry` was written: it on top of what was read before. */
function withEntry(log: readonly AccessLogDoc[], entry: AccessLogDoc): AccessLogDoc[] {
  return [entry, ...log.filter((other) => other._id !== entry._id)].slice(0, LOG_SHOWN);
}

const ACTION_LABELS: Record<AccessLogDoc['action'], string> = {
  read: '查看了档案',
  export: '导出了档案',
  edit: '修改了档案',
  erase: '删除了档案',
};
const ROLE_LABELS: Record<AccessLogDoc['role'], string> = {
  self: '本人',
  relative: '亲属',
  carer: '走访党员',
  staff: '社区工作人员',
};

async function recentLog(subjectId: string): Promise<AccessLogDoc[]> {
  const { data } = await collection('care_access_log')
    .where({ subjectId })
    .orderBy('at', 'desc')
    .limit(LOG_SHOWN)
    .get();
  return data as AccessLogDoc[];
}

function buildView(facts: Facts, viewer: ArchiveViewer, log: AccessLogDoc[] | undefined, now: Date): ArchiveView {
  const { subject, archive } = facts;
  const hasWechat = Boolean(subject.openid);
  // A relative keeping the archive of a senior without WeChat keeps all of it, as the person would.
  const keeper = archiveActor(viewer, hasWechat, false, 'edit') !== null;
  const fields = ARCHIVE_FIELDS.flatMap((key) => {
    const stored = archive?.fields[key];
    const share = stored?.share ?? DEFAULT_SHARE;
    if (!keeper && (!stored?.value || !fieldVisible(viewer, share))) return [];
    return [
      {
        key,
        label: FIELD_LABELS[key],
        value: stored?.value ?? '',
        share,
        visibleToLabel: visibleToLabel(share),
      },
    ];
  });
  const address = subject.binding.address;
  return {
    subject: { id: subject._id, name: publicName(subject), addressLabel: address ? addressLabel(address) : '' },
    viewer,
    canEdit: keeper,
    canExport: archiveActor(viewer, hasWechat, false, 'export') !== null,
    canErase: archiveActor(viewer, hasWechat, false, 'erase') !== null,
    fields,
    household: facts.household.map((person) => ({ name: publicName(person) })),
    relatives: facts.relatives.map((person) => contactOf(person, '亲属', true)),
    ...(log && viewer !== 'carer'
      ? {
          log: log.map((entry) => ({
            id: entry._id,
            who: entry.readerId === subject._id ? '本人' : entry.readerName,
            roleLabel:
              entry.proxy && entry.role !== 'staff' ? `${ROLE_LABELS[entry.role]}（代办）` : ROLE_LABELS[entry.role],
            actionLabel: ACTION_LABELS[entry.action],
            atLabel: atLabel(entry.at, now),
          })),
        }
      : {}),
    version: archive?.version ?? 0,
    ...(archive?.erasedAt && !Object.keys(archive.fields).length
      ? { erasedLabel: `已于${atLabel(archive.erasedAt, now)}按申请删除` }
      : {}),
    retention: RETENTION,
  };
}

/** Reads an archive: the log first for anyone but the person. */
/**
 * Reads an archive: the log first for anyone but the person. Round trips, the caller's own
 * lookup included: the person 2 (one aggregate, the log joined), a relative or a carer 3
 * (the same aggregate, then their read written to the log; carers are not shown the log).
 */
export async function readArchive(me: ResidentDoc, subjectId: string, now: Date): Promise<ArchiveView> {
  if (subjectId === me._id) {
    const facts = await factsFor(subjectId, true);
    return buildView(facts, 'self', facts.log, now);
  }
  const facts = await factsFor(subjectId, true);
  const viewer = viewerIn(facts, me);
  if (!viewer) throw new AppError('FORBIDDEN', '只有本人、绑定的亲属和负责走访的党员能查看档案');
  const entry: Omit<AccessLogDoc, '_id'> = {
    subjectId,
    readerId: me._id,
    readerName: me.name,
    role: viewer,
    action: 'read',
    at: now,
  };
  const id = await writeLog(entry);
  if (viewer !== 'relative') return buildView(facts, viewer, undefined, now);
  return buildView(facts, viewer, withEntry(facts.log ?? [], { _id: id, ...entry }), now);
}

/** Who acts on the archive and how it is recorded; FORBIDDEN for anyone else. */
function actorFor(
  facts: Facts,
  me: ResidentDoc,
  action: 'edit' | 'export' | 'erase',
  now: Date,
  reason?: string,
): { role: AccessLogDoc['role']; proxy?: ProxyRecord } {
  const viewer = viewerIn(facts, me);
  const actor = archiveActor(viewer, Boolean(facts.subject.openid), isStaff(me.roles), action);
  if (actor === 'self') return { role: 'self' };
  if (actor === 'proxy') {
    return {
      role: 'relative',
      proxy: proxyRecord(me._id, facts.subject._id, now, reason ?? '老人没有微信，由亲属代为办理'),
    };
  }
  if (actor === 'staff') {
    if (!reason?.trim()) throw new AppError('INVALID_INPUT', '代为删除时请填写居民申请的方式和时间');
    return { role: 'staff', proxy: proxyRecord(me._id, facts.subject._id, now, reason.trim()) };
  }
  throw new AppError(
    'FORBIDDEN',
    action === 'erase' ? '只有本人或社区工作人员（按本人申请）能删除档案' : '只有本人能修改和导出自己的档案',
  );
}

export async function saveArchive(
  me: ResidentDoc,
  subjectId: string,
  input: ArchiveFieldsInput,
  version: number,
  now: Date,
): Promise<ArchiveView> {
  const facts = await factsFor(subjectId);
  const { role, proxy } = actorFor(facts, me, 'edit', now);
  const fields: ArchiveDoc['fields'] = {};
  for (const key of ARCHIVE_FIELDS) {
    const field = input[key as ArchiveField];
    if (field.value) fields[key] = { value: field.value, share: { ...field.share } };
  }
  const stale = () => new AppError('CONFLICT', '档案刚被修改过，请刷新后再改');
  if ((facts.archive?.version ?? 0) !== version) throw stale();
  // The log first: an edit that cannot be recorded is not made (a refused one is struck out).
  const logged =
    role === 'self'
      ? undefined
      : await writeLog({
          subjectId,
          readerId: me._id,
          readerName: me.name,
          role,
          action: 'edit',
          at: now,
          ...(proxy ? { proxy } : {}),
        });
  const _ = command();
  const next = {
    fields: _.set(fields),
    version: version + 1,
    updatedAt: now,
    updatedBy: me._id,
    ...(proxy ? { proxy: _.set(proxy) } : { proxy: _.remove() }),
    erasedAt: _.remove(),
    erasedBy: _.remove(),
  };
  let saved = true;
  if (version === 0) {
    try {
      await collection('care_archives').add({
        _id: subjectId,
        fields,
        version: 1,
        updatedAt: now,
        updatedBy: me._id,
        ...(proxy ? { proxy } : {}),
      });
    } catch {
      saved = false;
    }
  } else {
    saved = (await collection('care_archives').where({ _id: subjectId, version }).update(next)).updated === 1;
  }
  if (!saved) {
    if (logged) await collection('care_access_log').doc(logged).remove();
    throw stale();
  }
  const stored: ArchiveDoc = {
    _id: subjectId,
    fields,
    version: version + 1,
    updatedAt: now,
    updatedBy: me._id,
    ...(proxy ? { proxy } : {}),
  };
  const viewer = role === 'self' ? 'self' : 'relative';
  return buildView({ ...facts, archive: stored }, viewer, await recentLog(subjectId), now);
}

export async function exportArchive(
  me: ResidentDoc,
  openid: string,
  subjectId: string,
  now: Date,
): Promise<{ fileID: string; url: string }> {
  const facts = await factsFor(subjectId);
  const { role, proxy } = actorFor(facts, me, 'export', now);
  await writeLog({
    subjectId,
    readerId: me._id,
    readerName: me.name,
    role,
    action: 'export',
    at: now,
    ...(proxy ? { proxy } : {}),
  });
  const view = buildView(facts, 'self', await recentLog(subjectId), now);
  const entry = facts.entry?.status === 'active' ? facts.entry : undefined;
  const carers = entry ? await residentsByIds(entry.plan.carerIds) : new Map<string, ResidentDoc>();
  const sheets = [
    {
      name: '我的档案',
      rows: [
        ['项目', '内容', '谁可以看'],
        ...view.fields.map((field) => [field.label, field.value, field.visibleToLabel]),
      ],
      widths: [16, 48, 28],
    },
    {
      name: '家庭关系',
      rows: [
        ['关系', '姓名', '电话'],
        ...view.household.map((person) => ['同住家人', person.name, '']),
        ...view.relatives.map((person) => ['绑定的亲属（紧急联系人）', person.name, person.phone ?? '']),
      ],
      widths: [26, 16, 16],
    },
    ...(entry
      ? [
          {
            name: '关爱计划',
            rows: [
              ['项目', '内容'],
              ['关爱类别', categoryLabels(entry.categories).join('、')],
              ['原因', entry.reason],
              ['同意记录', consentLabel(entry.consent)],
              ['走访频次', frequencyLabel(entry.plan.frequencyDays)],
              ['走访党员', entry.plan.carerIds.map((id) => carers.get(id)?.name ?? '').join('、')],
            ],
            widths: [16, 48],
          },
        ]
      : []),
    {
      name: '查阅记录',
      rows: [
        ['时间', '谁', '身份', '做了什么'],
        ...(view.log ?? []).map((e) => [e.atLabel, e.who, e.roleLabel, e.actionLabel]),
      ],
      widths: [20, 14, 18, 14],
    },
  ];
  return exportSpreadsheet(openid, `archive-${subjectId}`, sheets, now);
}

export async function eraseArchive(
  me: ResidentDoc,
  subjectId: string,
  reason: string | undefined,
  now: Date,
): Promise<{ erasedLabel: string }> {
  const facts = await factsFor(subjectId);
  const { role, proxy } = actorFor(facts, me, 'erase', now, reason);
  await writeLog({
    subjectId,
    readerId: me._id,
    readerName: me.name,
    role,
    action: 'erase',
    at: now,
    ...(proxy ? { proxy } : {}),
  });
  const _ = command();
  const tombstone = { fields: {}, erasedAt: now, erasedBy: me._id, updatedAt: now, updatedBy: me._id };
  if (facts.archive) {
    await collection('care_archives')
      .doc(subjectId)
      .update({ ...tombstone, fields: _.set({}), version: _.inc(1), proxy: _.remove() });
  } else {
    await collection('care_archives')
      .add({ _id: subjectId, ...tombstone, version: 1 })
      .catch(() =>
        collection('care_archives')
          .doc(subjectId)
          .update({ ...tombstone, fields: _.set({}), version: _.inc(1) }),
      );
  }
  return { erasedLabel: `已于${atLabel(now, now)}按申请删除` };
}

/**
 * Questions about the database, storage and functions where the real service is uncertain
 * (the stand-in can follow either reading: local/cloudbase/readings.ts) or where the
 * stand-in follows the SDK vendor's tests, which were written against an older service.
 * Each check names the reading it saw; test/standin/smoke-conformance.test.ts runs them
 * against the stand-in.
 */
import type { SmokeCheck, SmokeContext } from '../types';

/* eslint-disable @typescript-eslint/no-explicit-any -- node-sdk types transactions as any */

/** The error code of a rejected SDK call, or undefined when it succeeded. */
async function codeOf(call: () => Promise<unknown>): Promise<string | undefined> {
  try {
    const result = (await call()) as { code?: unknown } | undefined;
    // With throwOnCode off the SDK returns the error instead of throwing it.
    return typeof result?.code === 'string' && result.code ? result.code : undefined;
  } catch (error) {
    return String((error as { code?: unknown })?.code ?? error);
  }
}

/** Runs `body` in a transaction that is always rolled back. */
async function inRolledBackTransaction<T>(ctx: SmokeContext, body: (t: any) => Promise<T>): Promise<T> {
  const t: any = await ctx.app.database().startTransaction();
  try {
    return await body(t);
  } finally {
    await t.rollback().catch(() => undefined);
  }
}

async function seed(ctx: SmokeContext, id: string, doc: object): Promise<void> {
  await ctx.app
    .database()
    .collection(ctx.scratch)
    .add({ _id: `${ctx.runId}-${id}`, ...doc });
}

const updatedNoop: SmokeCheck = {
  name: 'updated-counts',
  question: 'Does `updated` count a document an update matched but did not change (matched) or not (modified)?',
  async run(ctx) {
    await seed(ctx, 'noop', { a: 1 });
    const docs = ctx.app.database().collection(ctx.scratch);
    const byDoc = (await docs.doc(`${ctx.runId}-noop`).update({ a: 1 })).updated;
    const byWhere = (await docs.where({ _id: `${ctx.runId}-noop` }).updateAndReturn({ a: 1 })).updated;
    const reading = byDoc === 1 && byWhere === 1 ? 'matched' : byDoc === 0 && byWhere === 0 ? 'modified' : 'mixed';
    return { answer: `doc().update: updated ${byDoc}; where().updateAndReturn: updated ${byWhere}`, reading };
  },
};

const txnWhereGet: SmokeCheck = {
  name: 'txn-where-get',
  question: 'May a transaction run a WHERE query (allowed: on its snapshot) or only doc(id) reads (refused)?',
  async run(ctx) {
    await seed(ctx, 'txn-get', { tag: ctx.runId });
    return inRolledBackTransaction(ctx, async (t) => {
      try {
        const res = await t.collection(ctx.scratch).where({ tag: ctx.runId }).get();
        return { answer: `where().get() in a transaction found ${res.data.length} document(s)`, reading: 'allowed' };
      } catch (error) {
        const code = String((error as { code?: unknown })?.code ?? error);
        return { answer: `where().get() in a transaction failed: ${code}`, reading: 'refused' };
      }
    });
  },
};

const txnUpdateAndReturn: SmokeCheck = {
  name: 'txn-update-and-return',
  question: 'May a transaction run updateAndReturn (allowed) or not (refused)?',
  async run(ctx) {
    await seed(ctx, 'txn-uar', { n: 1 });
    return inRolledBackTransaction(ctx, async (t) => {
      try {
        const res = await t
          .collection(ctx.scratch)
          .where({ _id: `${ctx.runId}-txn-uar` })
          .updateAndReturn({ n: 2 });
        return { answer: `updateAndReturn in a transaction returned n=${String(res.doc?.n)}`, reading: 'allowed' };
      } catch (error) {
        const code = String((error as { code?: unknown })?.code ?? error);
        return { answer: `updateAndReturn in a transaction failed: ${code}`, reading: 'refused' };
      }
    });
  },
};

const txnSnapshot: SmokeCheck = {
  name: 'txn-snapshot',
  question:
    'Is a transaction’s snapshot taken at its first operation (first-operation) or at startTransaction (start)?',
  async run(ctx) {
    await seed(ctx, 'snap', { v: 1 });
    const id = `${ctx.runId}-snap`;
    return inRolledBackTransaction(ctx, async (t) => {
      await ctx.app.database().collection(ctx.scratch).doc(id).update({ v: 2 });
      const seen = (await t.collection(ctx.scratch).doc(id).get()).data?.v;
      return {
        answer: `a write between startTransaction and the first read: the transaction read v=${String(seen)}`,
        reading: seen === 2 ? 'first-operation' : 'start',
      };
    });
  },
};

const deleteFileLimit: SmokeCheck = {
  name: 'delete-file-limit',
  question: 'Is deleteFile of 51 files refused (refused) or carried out (accepted)?',
  async run(ctx) {
    const fileList = Array.from({ length: 51 }, (_x, i) => `cloud://${ctx.runId}.nonexistent/${ctx.runId}/${i}.txt`);
    const code = await codeOf(() => ctx.app.deleteFile({ fileList }));
    return {
      answer: code ? `deleteFile of 51 files: ${code}` : 'deleteFile of 51 files answered file by file',
      reading: code === 'INVALID_PARAM' ? 'refused' : 'accepted',
    };
  },
};

const functionNotFound: SmokeCheck = {
  name: 'function-not-found',
  question: 'What code does calling a function that does not exist give?',
  async run(ctx) {
    const code = await codeOf(() => ctx.app.callFunction({ name: `${ctx.runId}-missing`, data: {} }));
    return { answer: `callFunction of a missing function: ${code ?? 'no error'}`, reading: code ?? 'none' };
  },
};

const objectIdField: SmokeCheck = {
  name: 'objectid-field',
  question: 'Does an ObjectId stored outside _id come back as its hex string (hex-string) or not (object)?',
  async run(ctx) {
    const hex = '5f2b6c1e9d3a4b0012345678';
    const db = ctx.app.database();
    await seed(ctx, 'oid', { ref: db.ObjectId({ id: hex }) });
    const [doc] = (await db.collection(ctx.scratch).doc(`${ctx.runId}-oid`).get()).data;
    const ref: unknown = doc?.ref;
    return { answer: `the field came back as ${JSON.stringify(ref)}`, reading: ref === hex ? 'hex-string' : 'object' };
  },
};

const dollarField: SmokeCheck = {
  name: 'dollar-field',
  question: 'Is a field name starting with $ refused on insert (refused) or stored (accepted)?',
  async run(ctx) {
    const code = await codeOf(() => seed(ctx, 'dollar', { $_key: 1 }));
    return { answer: `add({$_key: 1}): ${code ?? 'stored'}`, reading: code ? 'refused' : 'accepted' };
  },
};

export const CHECKS: SmokeCheck[] = [
  updatedNoop,
  txnWhereGet,
  txnUpdateAndReturn,
  txnSnapshot,
  deleteFileLimit,
  functionNotFound,
  objectIdField,
  dollarField,
];

/**
 * What the stand-in assumes about the platform that no documentation settles (its
 * README, "Limits and platform behaviour"), asked of the environment the smoke run points
 * at. Each check writes only to the run's scratch collection and `smoke/<runId>/` files.
 */
import type { SmokeCheck, SmokeContext } from '../types';

const FILES = 51;

async function seedScratch(ctx: SmokeContext, count: number): Promise<void> {
  const docs = Array.from({ length: count }, (_, index) => ({ _id: `${ctx.runId}-${index}`, n: index }));
  await ctx.app.database().collection(ctx.scratch).add(docs);
}

export const CHECKS: SmokeCheck[] = [
  {
    name: 'aggregate-default-limit',
    question: 'How many rows does an aggregate without .limit() answer (of 30), and with .limit(25)?',
    async run(ctx) {
      await seedScratch(ctx, 30);
      const db = ctx.app.database();
      const plain = await db.collection(ctx.scratch).aggregate().match({}).end();
      const limited = await db.collection(ctx.scratch).aggregate().match({}).limit(25).end();
      const rows = (plain.data as unknown[]).length;
      return {
        answer: `${rows} of 30 without a limit; ${(limited.data as unknown[]).length} with .limit(25)`,
        reading: String(rows),
      };
    },
  },
  {
    name: 'duplicate-key-error',
    question: 'What does adding a document whose _id is taken answer (code and message)?',
    async run(ctx) {
      const collection = ctx.app.database().collection(ctx.scratch);
      const _id = `${ctx.runId}-dup`;
      await collection.add({ _id, n: 1 });
      try {
        await collection.add({ _id, n: 2 });
      } catch (error) {
        const { code, message } = error as { code?: unknown; message?: unknown };
        return { answer: `code ${String(code)}; message "${String(message)}"`, reading: String(code) };
      }
      return { answer: 'the second add succeeded: _id is not unique here', reading: 'accepted' };
    },
  },
  {
    name: 'update-and-return',
    question: 'Does where().updateAndReturn() answer the document as updated, or as it was?',
    async run(ctx) {
      const collection = ctx.app.database().collection(ctx.scratch);
      const _id = `${ctx.runId}-uar`;
      await collection.add({ _id, n: 1 });
      const { doc } = (await collection.where({ _id }).updateAndReturn({ n: ctx.app.database().command.inc(1) })) as {
        doc?: { n?: number } | null;
      };
      const n = doc?.n;
      return {
        answer: `n was 1, incremented by 1: the answer says n = ${String(n)}`,
        reading: n === 2 ? 'updated' : n === 1 ? 'original' : 'none',
      };
    },
  },
  {
    name: 'temp-url-batch-limit',
    question: `Does getTempFileURL take ${FILES} files in one call (the docs say at most 50)?`,
    async run(ctx) {
      const fileIDs = await Promise.all(
        Array.from({ length: FILES }, async (_, index) => {
          const { fileID } = await ctx.app.uploadFile({
            cloudPath: `smoke/${ctx.runId}/${index}.txt`,
            fileContent: Buffer.from(String(index)),
          });
          return fileID;
        }),
      );
      try {
        let answer: { answer: string; reading: string };
        try {
          const { fileList } = await ctx.app.getTempFileURL({ fileList: fileIDs });
          const good = fileList.filter((file) => file.code === 'SUCCESS').length;
          answer = { answer: `took all ${FILES}: ${good} links`, reading: `accepted-${FILES}` };
        } catch (error) {
          const { code, message } = error as { code?: unknown; message?: unknown };
          answer = {
            answer: `refused ${FILES}: code ${String(code)}; message "${String(message)}"`,
            reading: `refused-${FILES}`,
          };
        }
        const fifty = await ctx.app.getTempFileURL({ fileList: fileIDs.slice(0, 50) });
        answer.answer += `; 50 at once: ${fifty.fileList.filter((file) => file.code === 'SUCCESS').length} links`;
        return answer;
      } finally {
        for (let i = 0; i < fileIDs.length; i += 50) await ctx.app.deleteFile({ fileList: fileIDs.slice(i, i + 50) });
      }
    },
  },
  {
    name: 'lookup-forms',
    question:
      'Do the lookup forms the functions use work — let/pipeline with $expr, an array localField — and how many rows does a joined array hold when 30 match and the sub-pipeline has no limit?',
    async run(ctx) {
      const db = ctx.app.database();
      const $ = db.command.aggregate;
      const _ = db.command;
      const parent = `${ctx.runId}-lookup`;
      const ids = Array.from({ length: 30 }, (_unused, index) => `${ctx.runId}-lookup-${index}`);
      await db
        .collection(ctx.scratch)
        .add([...ids.map((_id, index) => ({ _id, lookupRow: index })), { _id: parent, ids, floor: 0 }]);
      const { data } = (await db
        .collection(ctx.scratch)
        .aggregate()
        .match({ _id: parent })
        .lookup({ from: ctx.scratch, localField: 'ids', foreignField: '_id', as: 'byIds' })
        .lookup({
          from: ctx.scratch,
          let: { floor: '$floor' },
          pipeline: $.pipeline()
            .match(_.expr($.gte(['$lookupRow', '$$floor'])))
            .done(),
          as: 'byPipeline',
        })
        .end()) as { data: Array<{ byIds?: unknown[]; byPipeline?: unknown[] }> };
      const row = data[0];
      const byIds = row?.byIds?.length ?? -1;
      const byPipeline = row?.byPipeline?.length ?? -1;
      return {
        answer: `array localField joined ${byIds} of 30; let/pipeline joined ${byPipeline} of 30`,
        reading: `${byIds}/${byPipeline}`,
      };
    },
  },
];

// The Agent API endpoints and both paginate methods, as a TypeScript user sees them.
import { AgentApi, Aiccs } from "aicall";
const api = new AgentApi({ token: "t" });
async function f(): Promise<void> {
  const page = await api.listTasks({ userId: "u", query: { page: 1, status: [1, 3] } });
  // `meta` is null when the server sent none.
  // @ts-expect-error possibly null
  void page.meta.total;
  const total: number | undefined = page.meta?.total;
  // An operation whose arguments are all optional takes none.
  await api.checkToken();
  // @ts-expect-error getTask needs its ids
  await api.getTask();
  // Operation metadata: every kind and style the runtime produces.
  for (const op of Aiccs.operations()) {
    for (const p of op.params) {
      if (p.style === "flat" && p.type.kind === "number") console.log(p.type.minimum);
    }
  }
  const out = await api.addNumbers({ userId: "u", taskId: "t", body: { data: [{ phone: "1", name: "x" }] }, concurrency: 2 });
  const phone: string = out.added[0].phone;
  for await (const r of api.paginate("listCallRecords", { userId: "u", taskId: "t" })) console.log(r);
  const c = new Aiccs({ accessKeyId: "a", accessKeySecret: "b" });
  for await (const t of c.paginate("QueryAiCallTaskPage", { PageSize: 10 })) console.log(t);
  // @ts-expect-error status 2 is not a 2.0 task status
  await api.listTasks({ userId: "u", query: { status: 2 } });
  // @ts-expect-error getTask does not page
  api.paginate("getTask", { userId: "u", taskId: "t" });
  const lang: "en" | "zh-CN" = c.locale;
  const step = AgentApi.nextPage("listCallRecords", { userId: "u", taskId: "t" }, null, undefined, { locale: api.locale });
  // @ts-expect-error a client's locale is read-only
  api.locale = "en";
  // @ts-expect-error "fr" is no locale
  Aiccs.nextPage("QueryAiCallTaskPage", {}, null, undefined, { locale: "fr" });
  console.log(lang, step.next);
  console.log(total, phone);
}
void f;

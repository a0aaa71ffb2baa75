// Seeded demo data for the emulator. Deterministic: createSeedState() returns the same
// content every time (used at start-up and by POST /__emulator/reset).

import { seedAgentExtras } from "./agent-routes.mjs";
import { prng } from "./util.mjs";

// ---------------------------------------------------------------- well-known ids

export const AGENT_SEED = Object.freeze({
  USER_A: "5832d184-dd53-42a0-8ace-0bf8d660f4cc",
  TASK_A_STOPPED: "f232d184-dd54-42a0-8ace-0bf8d660f4cc",
  TASK_A_RUNNING: "7c1e9a42-3b5d-4f60-9e8a-2d4c6b8f0a13",
  USER_B: "5433b412-07d5-44e6-9fa4-deb65e43bc93",
  TASK_B: "00012192-653c-42d2-818e-27b541f7c764",
  RECORD_B_VOICE: "00075047-af8b-4e92-a897-e4ac382acc6a",
  RECORD_B_NOVOICE: "00075047-af8b-4e92-a897-e4ac382acc7a",
});

export const AICCS_SEED = Object.freeze({
  TASK_RUNNING: "1187260391845120",
  TASK_STOPPED: "1187260391845121",
  TASK_INIT: "1187260391845122",
  AGENT_ONLINE: "1180352918400512",
  AGENT_ONLINE_2: "1180352918400513",
  AGENT_OFFLINE: "1180352918400777",
  LLM_APP: "demo-llm-app",
  LLM_APP_OFFLINE: "offline-llm-app",
  CALL_ENDED: "1255021437600^11195613000",
  INSTANCE: "ccc_xp_pre-cn-demo01",
  STS_TOKEN: "demo-sts-token",
});

/** Agent status values used by the emulator (the vendor does not publish the enum). */
export const AGENT_STATUS = Object.freeze({ ONLINE: 7, OFFLINE: 8 });

/** Task status as the list API prints it (integer) — emulator's own mapping. */
export const TASK_STATUS_CODE = Object.freeze({ INIT: 0, RUNNING: 1, STOPPED: 2, FAILED: 3 });

const SEED_BASE = Date.UTC(2025, 5, 3, 1, 0, 0); // 2025-06-03 09:00 China time

// ---------------------------------------------------------------- text material

const SURNAMES = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英"];
const PREFIXES = ["138", "139", "186", "150", "177", "135", "188", "159", "130", "181"];

function pick(rnd, arr) {
  return arr[Math.floor(rnd() * arr.length)];
}

function uuidLike(rnd) {
  const hex = (n) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join("");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(rnd() * 4)]}${hex(3)}-${hex(12)}`;
}

function phone(rnd) {
  return pick(rnd, PREFIXES) + String(Math.floor(rnd() * 1e8)).padStart(8, "0");
}

function personName(rnd) {
  return pick(rnd, SURNAMES) + pick(rnd, GIVEN);
}

/**
 * A short call transcript. kind: "accept" | "feedback" | "decline".
 * Returns [{ content, role }] with role "assistant" (the bot) or "user".
 */
export function makeDialog(kind, name = "您", topic = "试驾") {
  const hello = name === "您" ? "您好" : `${name}您好`;
  if (topic === "回访") {
    const lines = [
      ["assistant", `${hello},这里是悦享生活会员中心,想占用您一分钟做个回访,上个月的订单收货还满意吗?`],
    ];
    if (kind === "decline") {
      lines.push(["user", "现在不方便,不用了。"], ["assistant", "好的,打扰您了,祝您生活愉快,再见!"]);
    } else {
      lines.push(
        ["user", "东西挺好的,就是物流慢了点。"],
        ["assistant", "非常抱歉给您带来不便,您的反馈已经记录,200 会员积分已发放到您的账户。"],
        ["user", "好的,谢谢。"],
        ["assistant", "不客气,祝您生活愉快,再见!"],
      );
    }
    return lines.map(([role, content]) => ({ content, role }));
  }
  const lines = [
    ["assistant", `${hello},我是星途汽车的智能顾问小星,新款 SUV 本周末在门店有试驾活动,您有兴趣了解一下吗?`],
  ];
  if (kind === "decline") {
    lines.push(["user", "<客户打断>不需要,谢谢。"], ["assistant", "好的,打扰您了,祝您生活愉快,再见!"]);
  } else if (kind === "feedback") {
    lines.push(
      ["user", "什么车型?大概多少钱?"],
      ["assistant", "这次是新款星途 L7,指导价 15 万起,试驾还送一次免费保养。"],
      ["user", "我再考虑一下吧。"],
      ["assistant", "没问题,稍后把活动详情短信发给您,祝您生活愉快,再见!"],
    );
  } else {
    lines.push(
      ["user", "什么车型?大概多少钱?"],
      ["assistant", "这次是新款星途 L7,指导价 15 万起,试驾还送一次免费保养,您周六还是周日方便?"],
      ["user", "周六下午吧。"],
      ["assistant", "好的,已为您预约周六下午两点的试驾,稍后会有短信通知,再见!"],
    );
  }
  return lines.map(([role, content]) => ({ content, role }));
}

// ---------------------------------------------------------------- Agent API (2.0 tasks)

function seedAgentApi(rnd) {
  const tasks = new Map();
  const addTask = (taskId, userId, name, running, nRecords, extra = []) => {
    const records = new Map();
    for (let i = 0; i < nRecords; i++) {
      const id = uuidLike(rnd);
      records.set(id, {
        record_id: id,
        phone: phone(rnd),
        duration: 15 + Math.floor(rnd() * 180),
        has_voice: true,
        called_at: SEED_BASE - Math.floor(rnd() * 20 * 86400) * 1000,
      });
    }
    for (const r of extra) records.set(r.record_id, r);
    tasks.set(taskId, {
      task_id: taskId,
      user_id: userId,
      name,
      version: "2.0",
      running,
      records,
      body: null,
      updated_at: SEED_BASE,
    });
  };
  addTask(AGENT_SEED.TASK_A_STOPPED, AGENT_SEED.USER_A, "测试api接口创建-222", false, 40);
  addTask(AGENT_SEED.TASK_A_RUNNING, AGENT_SEED.USER_A, "6·18 会员回访(2.0)", true, 40);
  addTask(AGENT_SEED.TASK_B, AGENT_SEED.USER_B, "新品试驾邀约-华东区", false, 40, [
    { record_id: AGENT_SEED.RECORD_B_VOICE, phone: "13800000000", duration: 68, has_voice: true, called_at: SEED_BASE - 3600e3 },
    { record_id: AGENT_SEED.RECORD_B_NOVOICE, phone: "13900001111", duration: 0, has_voice: false, called_at: SEED_BASE - 3500e3 },
  ]);
  return { tasks, ...seedAgentExtras() };
}


// ---------------------------------------------------------------- aiccs detail helpers (also used at run time)

/** Outcome of an automatic dial, chosen from the number so it is stable. */
export const DIAL_OUTCOMES = ["ANSWERED", "ANSWERED", "NO_ANSWER", "ANSWERED", "USER_BUSY", "ANSWERED", "POWERED_OFF", "ANSWERED"];

export function nextCallId(S) {
  const n = S.seq.call++;
  return `${1255021437610 + n}^${11195613000 + n}`;
}

/** Create a task detail (a number to call) and register it. Status 1 = waiting for call. */
export function newDetail(S, task, BatchId, { CalledNumber, OutId = "", Variables = {}, EncryptionType = 0 }, ImportedTime) {
  const d = {
    DetailId: String(S.seq.detail++), TaskId: task.TaskId, BatchId,
    CalledNumber: String(CalledNumber), OutId: OutId == null ? "" : String(OutId), Variables, EncryptionType,
    ImportedTime, Status: 1, CallingTime: null, CallResult: null, MajorIntent: null, FailedReason: null,
    ConversationDuration: null, ConversationTurnCount: null, ConversationRecord: null, CallId: null,
  };
  S.details.set(d.DetailId, d);
  return d;
}

/** Finish a detail with a call outcome (ANSWERED / NO_ANSWER / USER_BUSY / POWERED_OFF / INVALID_NUMBER). */
export function finishDetail(S, task, d, outcome, at) {
  d.CallingTime = at;
  d.CallResult = outcome;
  if (outcome === "POWERED_OFF" || outcome === "INVALID_NUMBER") {
    d.Status = 5;
    d.FailedReason = outcome === "POWERED_OFF" ? "用户关机" : "空号";
    return;
  }
  d.Status = 4;
  if (outcome !== "ANSWERED") {
    d.FailedReason = outcome === "NO_ANSWER" ? "无人接听" : "用户忙";
    return;
  }
  const kind = ["accept", "feedback", "decline"][S.seq.call % 3];
  const name = typeof d.Variables?.name === "string" ? d.Variables.name : "您";
  const dialog = makeDialog(kind, name, task.topic);
  const CallId = nextCallId(S);
  const duration = 20 + dialog.length * 9;
  d.CallId = CallId;
  d.MajorIntent = { accept: "A", feedback: "B", decline: "D" }[kind];
  d.ConversationDuration = duration;
  d.ConversationTurnCount = dialog.length;
  d.ConversationRecord = JSON.stringify(dialog);
  S.calls.set(CallId, {
    CallId, kind: "task", TaskId: task.TaskId, DetailId: d.DetailId,
    CalledNumber: d.CalledNumber, CallerNumber: "057188881234",
    ApplicationCode: task.ApplicationCode, status: "ENDED",
    StartTime: at, PickUpTime: at + 6000, EndTime: at + 6000 + duration * 1000, dialog,
    HangupDirection: kind === "decline" ? "用户" : "机器人",
  });
}

// ---------------------------------------------------------------- aiccs seed

function seedAiccs(rnd) {
  const agents = [
    {
      AgentId: AICCS_SEED.AGENT_ONLINE, AgentName: "新品试驾邀约智能体", Status: AGENT_STATUS.ONLINE,
      ApplicationCode: "AGT8F2K1Q", BusinessTypeName: "个人客户线索转化", Description: "用于新车上市的试驾邀约外呼",
      CreateTime: "2025-05-20 10:12:45", ModifyTime: "2025-05-28 17:10:17", LastOnlineTime: "2025-05-28 17:20:03",
      WithConfig: true, WithActivePrompt: false, VoiceStyleName: "亲切", KnowledgeName: "星途车型知识库", topic: "试驾",
    },
    {
      AgentId: AICCS_SEED.AGENT_ONLINE_2, AgentName: "会员回访智能体", Status: AGENT_STATUS.ONLINE,
      ApplicationCode: "AGT3M7P0Z", BusinessTypeName: "客户满意度回访", Description: "电商会员订单回访与积分发放",
      CreateTime: "2025-04-02 09:30:00", ModifyTime: "2025-05-30 11:02:41", LastOnlineTime: "2025-05-30 11:05:12",
      WithConfig: true, WithActivePrompt: true, VoiceStyleName: "温柔", KnowledgeName: "会员权益知识库", topic: "回访",
    },
    {
      AgentId: AICCS_SEED.AGENT_OFFLINE, AgentName: "账单提醒智能体(草稿)", Status: AGENT_STATUS.OFFLINE,
      ApplicationCode: "AGT0DRAFT", BusinessTypeName: "账单提醒", Description: "尚未上线,仅用于测试启动失败",
      CreateTime: "2025-05-31 15:00:00", ModifyTime: "2025-05-31 15:00:00", LastOnlineTime: "",
      WithConfig: false, WithActivePrompt: false, VoiceStyleName: "标准", KnowledgeName: "", topic: "试驾",
      AuditReason: "请补充流程说明", BuildFailReason: "",
    },
  ];

  const llmApps = [
    { ApplicationCode: AICCS_SEED.LLM_APP, ApplicationName: "演示大模型外呼应用", online: true, topic: "试驾" },
    { ApplicationCode: AICCS_SEED.LLM_APP_OFFLINE, ApplicationName: "已下线的大模型应用", online: false, topic: "试驾" },
  ];

  const ttsVoices = [
    { TtsVoiceCode: "V9A0000001", TtsVoiceName: "龙小夏", TtsEngine: "CosyVoice", TtsStyle: "cosyvoice-v2-longxiaoxia" },
    { TtsVoiceCode: "V9A0000002", TtsVoiceName: "龙婉", TtsEngine: "CosyVoice", TtsStyle: "cosyvoice-v2-longwan" },
    { TtsVoiceCode: "V9A0000003", TtsVoiceName: "龙橙", TtsEngine: "CosyVoice", TtsStyle: "cosyvoice-v2-longcheng" },
    { TtsVoiceCode: "V9A0000004", TtsVoiceName: "龙华", TtsEngine: "CosyVoice", TtsStyle: "cosyvoice-v2-longhua" },
    { TtsVoiceCode: "V65000001", TtsVoiceName: "知甜", TtsEngine: "Sambert", TtsStyle: "sambert-zhitian-v1" },
  ].map((v) => ({ ...v, TtsAuditionFileUrl: `https://tts.example.com/audition/${v.TtsStyle}.mp3` }));

  const tasks = new Map();
  const details = new Map();
  const calls = new Map();
  const batches = new Map();

  const mkTask = (TaskId, TaskName, Status, agent, createdAgoDays, extra = {}) => {
    const CreateTime = SEED_BASE - createdAgoDays * 86400e3;
    tasks.set(TaskId, {
      TaskId, TaskName, Status,
      AgentId: agent.AgentId, AgentName: agent.AgentName,
      ApplicationCode: agent.ApplicationCode, ApplicationName: agent.AgentName,
      Source: 0, StartType: "IMMEDIATE", TaskStartTime: null,
      CallTimes: [{ StartTime: "09:00:00", EndTime: "12:00:00" }, { StartTime: "14:00:00", EndTime: "20:00:00" }],
      CallDays: ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"],
      RetryEnable: true, RetryReasons: ["NO_ANSWER", "USER_BUSY"], RetryCount: 2, RetryInterval: 30,
      CallerNumber: "0571****8899", PhoneType: 0, LineEncoding: "", LinePhoneNum: "",
      ConcurrentCount: 10, CreateTime,
      RealStartTime: Status === "INIT" ? null : CreateTime + 3600e3,
      StartFailedReason: "",
      CallExpireType: 0,
      topic: agent.topic,
      ...extra,
    });
  };
  const [agentDrive, agentVisit] = agents;
  mkTask(AICCS_SEED.TASK_RUNNING, "6·18 会员回访-第一批", "RUNNING", agentVisit, 3);
  mkTask(AICCS_SEED.TASK_STOPPED, "新品试驾邀约-华东区", "STOPPED", agentDrive, 10);
  mkTask(AICCS_SEED.TASK_INIT, "老客户满意度调研", "INIT", agentVisit, 1, { StartType: "SCHEDULE", TaskStartTime: SEED_BASE + 2 * 86400e3 });

  const S = {
    agents, llmApps, ttsVoices, tasks, details, calls, batches,
    seq: { task: 1187550000000001, detail: 5662000000000001, batch: 1183000000000001, call: 1 },
  };

  const seedDetails = (task, n, spec) => {
    const BatchId = String(S.seq.batch++);
    batches.set(BatchId, { BatchId, TaskId: task.TaskId, Count: n, ImportedTime: task.CreateTime + 600e3 });
    for (let i = 0; i < n; i++) {
      const d = newDetail(S, task, BatchId, {
        CalledNumber: phone(rnd), OutId: `order-${20250600 + i}`,
        Variables: { name: personName(rnd), sex: rnd() < 0.5 ? "男" : "女", city: pick(rnd, ["杭州", "上海", "南京", "苏州", "宁波"]) },
      }, task.CreateTime + 600e3 + i * 1000);
      const outcome = spec(i);
      if (outcome) finishDetail(S, task, d, outcome, d.ImportedTime + 3600e3 + i * 97e3);
    }
  };

  const OUTCOMES = DIAL_OUTCOMES;
  // running task: 8 finished, 4 still waiting
  seedDetails(tasks.get(AICCS_SEED.TASK_RUNNING), 12, (i) => (i < 8 ? OUTCOMES[i] : null));
  // stopped task: everything finished
  seedDetails(tasks.get(AICCS_SEED.TASK_STOPPED), 10, (i) => (i === 9 ? "INVALID_NUMBER" : OUTCOMES[i % OUTCOMES.length]));

  // a direct LLM call (LlmSmartCall) that already ended, for GetCallDialogContent demos
  const endedDialog = makeDialog("accept", "李先生", "试驾");
  calls.set(AICCS_SEED.CALL_ENDED, {
    CallId: AICCS_SEED.CALL_ENDED, kind: "llm", ApplicationCode: AICCS_SEED.LLM_APP,
    CalledNumber: "13700000000", CallerNumber: "13200002054", status: "ENDED",
    StartTime: SEED_BASE - 7200e3, PickUpTime: SEED_BASE - 7194e3, EndTime: SEED_BASE - 7110e3,
    dialog: endedDialog, HangupDirection: "机器人",
  });

  const hotlineAgents = [
    { servicer_id: 111, servicer_name: "xiaoer_lin", servicer_real_name: "林晓", department_id: 100, department_name: "售后一组", group_id: 123, group_name: "售后热线" },
    { servicer_id: 112, servicer_name: "xiaoer_he", servicer_real_name: "何静", department_id: 100, department_name: "售后一组", group_id: 123, group_name: "售后热线" },
    { servicer_id: 113, servicer_name: "xiaoer_song", servicer_real_name: "宋宇", department_id: 101, department_name: "销售咨询组", group_id: 124, group_name: "售前咨询" },
  ];

  S.hotlineAgents = hotlineAgents;
  return S;
}

export function createSeedState() {
  const rnd = prng(20191015);
  return { agent: seedAgentApi(rnd), aiccs: seedAiccs(rnd) };
}

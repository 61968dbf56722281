/**
 * Beside the phone: who is using it (the demo users from GET /__cloud/users), the WeChat
 * font size (to try elder mode), the privacy agreement, page shortcuts (every page of
 * app.json, pull-down refresh, reach bottom), the outbox of subscribe messages the stand-in
 * has "sent" (polled from /__standin/outbox) and a log of what the wx shim did.
 */
import { h, type El } from '../dom';
import { manifest, previewConfig } from '../manifest';
import { currentPage, open, reachBottom, startPullDownRefresh } from '../runtime/router';
import { currentUser, on, setFontScale, setUser, state, userLabel } from '../state';
import { privacyAgreed, resetPrivacy } from '../wx/privacy';
import { missingApis, onMissingApi } from '../wx/strict';

export const FONT_SCALES: Array<[number, string]> = [
  [1, '标准'],
  [1.12, '偏大（1.12 倍）'],
  [1.25, '大（1.25 倍）'],
  [1.4, '较大（1.4 倍）'],
  [1.6, '特大（1.6 倍）'],
];

interface OutboxMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  sentAt: string;
}

function section(title: string, children: Array<El | null>, testId?: string): El {
  return h('section', { class: 'pv-section', 'data-testid': testId }, [h('h2', { text: title }), ...children]);
}

function time(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return date.toLocaleTimeString('zh-CN', { hour12: false });
}

function renderOutbox(list: El, count: El, messages: OutboxMessage[]): void {
  count.textContent = String(messages.length);
  if (!messages.length) {
    list.replaceChildren(h('li', { class: 'pv-empty', text: '还没有发出的订阅消息' }));
    return;
  }
  list.replaceChildren(
    ...[...messages].reverse().map((message) =>
      h('li', { class: 'pv-outbox__item', 'data-touser': message.touser, 'data-template': message.templateId }, [
        h('div', { class: 'pv-outbox__head' }, [
          h('strong', { text: userLabel(message.touser) }),
          h('span', { class: 'pv-muted', text: time(message.sentAt) }),
        ]),
        h('div', {
          class: 'pv-muted',
          text: `${previewConfig().templates[message.templateId]?.name ?? message.templateId}${message.page ? ` → ${message.page}` : ''}`,
        }),
        h(
          'dl',
          { class: 'pv-outbox__data' },
          Object.entries(message.data).flatMap(([key, value]) => [
            h('dt', { text: key }),
            h('dd', { text: value.value }),
          ]),
        ),
      ]),
    ),
  );
}

export function mountPanel(parent: El): { syncPage: () => void } {
  const userSelect = h('select', { class: 'pv-select', 'data-testid': 'user-select', 'aria-label': '当前用户' });
  const userInfo = h('div', { class: 'pv-muted', 'data-testid': 'user-info' });
  const fontSelect = h('select', { class: 'pv-select', 'data-testid': 'font-scale', 'aria-label': '微信字体大小' });
  for (const [scale, label] of FONT_SCALES) fontSelect.append(h('option', { value: String(scale), text: label }));
  const privacyText = h('span', { 'data-testid': 'privacy-state' });
  const privacyReset = h('button', { class: 'pv-button', type: 'button', text: '重置授权' });
  const pageSelect = h('select', { class: 'pv-select', 'data-testid': 'page-select', 'aria-label': '打开页面' });
  for (const page of manifest().pages) {
    pageSelect.append(
      h('option', { value: page.route, text: `${page.window.navigationBarTitleText ?? ''} ${page.route}` }),
    );
  }
  const refresh = h('button', { class: 'pv-button', type: 'button', text: '下拉刷新', 'data-testid': 'pull-refresh' });
  const bottom = h('button', { class: 'pv-button', type: 'button', text: '滚动到底', 'data-testid': 'reach-bottom' });
  const outboxCount = h('span', { class: 'pv-count', text: '0' });
  const outbox = h('ol', { class: 'pv-list', 'data-testid': 'outbox' });
  const activity = h('ol', { class: 'pv-list', 'data-testid': 'activity-log' });
  const missing = h('ol', { class: 'pv-list pv-errors', 'data-testid': 'missing-apis' });
  const alarm = mountDemoAlarm();
  const missingSection = section('预览缺少的 wx 接口', [missing]);
  missingSection.hidden = true;

  const renderUsers = () => {
    userSelect.replaceChildren(
      ...state.users.map((user) => h('option', { value: user.openid, text: `${user.name}（${user.label}）` })),
    );
    userSelect.value = state.openid;
    const user = currentUser();
    userInfo.textContent = user
      ? `openid：${user.openid}`
      : state.openid
        ? `openid：${state.openid}（不在演示用户里）`
        : '';
  };
  const renderPrivacy = () => {
    privacyText.textContent = privacyAgreed() ? '已同意隐私保护指引' : '尚未同意隐私保护指引';
  };
  const renderLog = () => {
    activity.replaceChildren(
      ...state.log
        .slice(0, 30)
        .map((entry) => h('li', {}, [h('span', { class: 'pv-muted', text: `${time(entry.at)} ` }), entry.text])),
    );
  };
  const renderMissing = () => {
    missing.replaceChildren(...missingApis().map((name) => h('li', { text: name })));
    missingSection.hidden = missingApis().length === 0;
  };

  userSelect.addEventListener('change', () => setUser(userSelect.value));
  fontSelect.value = String(state.fontScale);
  fontSelect.addEventListener('change', () => setFontScale(Number(fontSelect.value)));
  privacyReset.addEventListener('click', () => resetPrivacy());
  pageSelect.addEventListener('change', () => {
    void open('reLaunch', pageSelect.value, {}).catch((error: unknown) => console.error('[preview]', error));
  });
  refresh.addEventListener('click', () => startPullDownRefresh());
  bottom.addEventListener('click', () => reachBottom());
  on('users', renderUsers);
  on('user', () => {
    renderUsers();
    renderPrivacy();
  });
  on('font', () => {
    fontSelect.value = String(state.fontScale);
  });
  on('privacy', renderPrivacy);
  on('log', renderLog);
  onMissingApi(renderMissing);

  parent.append(
    h('aside', { class: 'pv-panel' }, [
      h('h1', { text: '长山花园 · 小程序预览' }),
      h('p', {
        class: 'pv-note',
        text: '这是基于 exparser 的近似渲染，不是微信本身：发布前请在微信开发者工具或真机上检查。',
      }),
      missingSection,
      section('当前用户', [userSelect, userInfo], 'user-section'),
      section('微信字体大小', [fontSelect, h('div', { class: 'pv-muted', text: '1.25 倍及以上时，长辈模式自动开启' })]),
      section('隐私授权', [privacyText, privacyReset]),
      section('页面', [pageSelect, h('div', { class: 'pv-row' }, [refresh, bottom])]),
      section('安全 · 模拟厂商报警', alarm, 'alarm-section'),
      section(
        '订阅消息发件箱',
        [h('div', { class: 'pv-muted' }, ['已发出 ', outboxCount, ' 条']), outbox],
        'outbox-section',
      ),
      section('事件记录', [activity]),
    ]),
  );
  renderUsers();
  renderPrivacy();
  renderLog();
  renderMissing();
  pollOutbox(outbox, outboxCount);
  on('users', () => void fetchOutbox(outbox, outboxCount));
  // The router calls this after every navigation.
  const syncPage = () => {
    const page = currentPage();
    if (page) pageSelect.value = page.route;
  };
  return { syncPage };
}

/**
 * The demo vendor: fires a signed event for a flat's gas alarm through the `safety`
 * function's HTTP access route (the preview server signs it with the demo secret).
 */
function mountDemoAlarm(): El[] {
  const flat = h('input', {
    class: 'pv-select',
    value: '5-1-102',
    'data-testid': 'alarm-flat',
    'aria-label': '房间（楼-单元-房间）',
  });
  const type = h('select', { class: 'pv-select', 'data-testid': 'alarm-type', 'aria-label': '事件' });
  for (const [value, label] of [
    ['alarm', '燃气报警'],
    ['cleared', '报警解除'],
    ['low_battery', '电量低'],
    ['self_test', '自检失败'],
    ['tamper', '被拆动'],
  ]) {
    type.append(h('option', { value, text: label }));
  }
  const result = h('div', { class: 'pv-muted', 'data-testid': 'alarm-result' });
  const fire = h('button', { class: 'pv-button', type: 'button', text: '触发', 'data-testid': 'alarm-fire' });
  fire.addEventListener('click', () => {
    result.textContent = '发送中…';
    void fetch('/__preview/alarm', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ flat: flat.value, type: type.value }),
    })
      .then(async (response) => {
        const body = (await response.json()) as {
          data?: { outcome?: string; alarmId?: string };
          errMsg?: string;
          error?: { message?: string };
        };
        result.textContent =
          response.ok && body.data
            ? `HTTP ${response.status} · ${body.data.outcome ?? ''}${body.data.alarmId ? ` · ${body.data.alarmId}` : ''}`
            : `HTTP ${response.status} · ${body.error?.message ?? body.errMsg ?? ''}`;
      })
      .catch((error: unknown) => {
        result.textContent = `失败：${String(error)}`;
      });
  });
  return [h('div', { class: 'pv-row' }, [flat, type, fire]), result];
}

async function fetchOutbox(list: El, count: El): Promise<void> {
  try {
    const response = await fetch('/__standin/outbox');
    if (response.ok) renderOutbox(list, count, (await response.json()) as OutboxMessage[]);
  } catch {
    // The stand-in restarting is not the page's problem: try again at the next tick.
  }
}

function pollOutbox(list: El, count: El): void {
  void fetchOutbox(list, count);
  setInterval(() => void fetchOutbox(list, count), 2000);
}

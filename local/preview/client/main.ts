/**
 * Boot of the preview in the browser: draw the phone and the panel, register the built-in
 * components, install `wx` and the constructors, load the app bundle's modules, and open
 * the page named by the URL hash (`#/pages/me/index?x=1&as=demo-secretary&font=1.4`).
 * With the server in watch mode, a rebuild reloads the page (the hash keeps the place).
 */
import exparser from './vendor/exparser';
import { doc, h, newEventSource, win } from './dom';
import { manifest } from './manifest';
import { registerBuiltins } from './runtime/builtins';
import { installPointerBridge } from './runtime/events';
import { installConstructors, loadApp } from './runtime/loader';
import { launch, mountRouter, parseHash, reloadCurrent, setHashParam } from './runtime/router';
import { on, setFontScale, setUser, setUsers, state, type DemoUser } from './state';
import { mountFrame } from './ui/frame';
import { setOverlayRoot } from './ui/overlay';
import { mountPanel } from './ui/panel';
import { installWx } from './wx';

interface BuildStatus {
  version: number;
  error: string | null;
}

function showFatal(message: string): void {
  const box = h('pre', { class: 'pv-fatal', 'data-testid': 'preview-error', text: message });
  doc.body.append(box);
}

async function loadUsers(): Promise<DemoUser[]> {
  try {
    const response = await fetch('/__cloud/users');
    return response.ok ? ((await response.json()) as DemoUser[]) : [];
  } catch {
    return [];
  }
}

/** In watch mode the server pushes build versions; a new good build reloads the page. */
function followBuilds(initial: BuildStatus): void {
  const source = newEventSource('/__preview/events');
  source.onmessage = (event) => {
    const status = JSON.parse(event.data) as BuildStatus;
    doc.querySelector('.pv-fatal')?.remove();
    if (status.error) showFatal(`构建失败（修改后自动重试）：\n${status.error}`);
    else if (status.version !== initial.version) win.location.reload();
  };
}

async function boot(): Promise<void> {
  const status = (await (await fetch('/__preview/status')).json()) as BuildStatus;
  followBuilds(status);
  if (status.error) showFatal(`构建失败：\n${status.error}`);

  (win as unknown as Record<string, unknown>).__webview_engine_version__ = 0.02;
  exparser.addGlobalWarningListener((message) => {
    console.warn('[exparser]', message);
    return false;
  });

  const root = h('div', { class: 'pv-root' });
  doc.body.append(root);
  const frame = mountFrame(root);
  setOverlayRoot(frame.overlay);

  const { route: hashRoute, query } = parseHash(win.location.hash);
  if (query.font && Number(query.font) > 0) setFontScale(Number(query.font));
  if (query.as) setUser(query.as);
  setUsers(await loadUsers());

  registerBuiltins();
  installConstructors();
  installWx();
  loadApp();

  const panel = mountPanel(root);
  mountRouter(frame.pages, panel.syncPage);
  installPointerBridge(frame.pages);
  // The custom tab bar is a component too: taps on it reach its handlers the same way.
  installPointerBridge(frame.tabBar);
  on('user', () => {
    setHashParam('as', state.openid);
    void reloadCurrent();
  });
  on('font', () => {
    setHashParam('font', String(state.fontScale));
    void reloadCurrent();
  });

  const route = hashRoute || manifest().entryPage;
  await launch(route, query);
  (win as unknown as Record<string, unknown>).__previewReady = true;
}

boot().catch((error: unknown) => {
  console.error('[preview] boot failed', error);
  showFatal(`预览启动失败：\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
});

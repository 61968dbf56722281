/**
 * Device, window and app information for the phone the preview draws (375 × 667, pixel
 * ratio 2), with the WeChat font scale chosen beside the phone, so elder mode can follow
 * "微信字体大小" as on a real phone. Also the login/settings/lifecycle APIs that need no
 * server here.
 */
import { manifest } from '../manifest';
import { currentPage } from '../runtime/router';
import { state } from '../state';
import { CAPSULE, SCREEN, windowHeight } from '../ui/frame';
import { asyncApi, Listeners } from './api';

export const SDK_VERSION = '3.8.0';

function windowInfo(): Record<string, unknown> {
  const page = currentPage();
  const custom = page?.nav.custom ?? false;
  const height = windowHeight(custom, !!page?.entry.isTab);
  return {
    pixelRatio: SCREEN.pixelRatio,
    screenWidth: SCREEN.width,
    screenHeight: SCREEN.height,
    windowWidth: SCREEN.width,
    windowHeight: height,
    statusBarHeight: SCREEN.statusBarHeight,
    screenTop: custom ? 0 : SCREEN.statusBarHeight + SCREEN.navBarHeight,
    safeArea: {
      left: 0,
      right: SCREEN.width,
      top: SCREEN.statusBarHeight,
      bottom: SCREEN.height,
      width: SCREEN.width,
      height: SCREEN.height - SCREEN.statusBarHeight,
    },
  };
}

function deviceInfo(): Record<string, unknown> {
  return {
    brand: 'devtools',
    model: 'Preview (375×667)',
    system: 'iOS 17.0',
    platform: 'devtools',
    benchmarkLevel: 1,
    abi: '',
    deviceAbi: '',
    cpuType: '',
    memorySize: 4096,
  };
}

function appBaseInfo(): Record<string, unknown> {
  return {
    SDKVersion: SDK_VERSION,
    enableDebug: false,
    host: { env: 'WeChat', appId: '' },
    language: 'zh_CN',
    version: '8.0.50',
    theme: 'light',
    fontSizeScaleFactor: state.fontScale,
    fontSizeSetting: Math.round(17 * state.fontScale),
  };
}

function launchOptions(): Record<string, unknown> {
  return {
    path: currentPage()?.route ?? manifest().entryPage,
    query: currentPage()?.query ?? {},
    scene: 1001,
    referrerInfo: {},
    apiCategory: 'default',
  };
}

const theme = new Listeners<[unknown]>();
const capsule = new Listeners<[unknown]>();
const network = new Listeners<[unknown]>();
const appShow = new Listeners<[unknown]>();
const appHide = new Listeners<[unknown]>();
const errors = new Listeners<[unknown]>();

export const systemApis = {
  getAppBaseInfo: appBaseInfo,
  getWindowInfo: windowInfo,
  getDeviceInfo: deviceInfo,
  getSystemSetting: () => ({
    bluetoothEnabled: false,
    locationEnabled: false,
    wifiEnabled: true,
    deviceOrientation: 'portrait',
  }),
  getAppAuthorizeSetting: () => ({
    albumAuthorized: 'authorized',
    cameraAuthorized: 'authorized',
    locationAuthorized: 'not determined',
    microphoneAuthorized: 'not determined',
    notificationAuthorized: 'authorized',
    phoneCalendarAuthorized: 'not determined',
  }),
  getSystemInfoSync: () => ({
    ...deviceInfo(),
    ...windowInfo(),
    ...appBaseInfo(),
    fontSizeSetting: Math.round(17 * state.fontScale),
  }),
  getSystemInfo: asyncApi('getSystemInfo', () => ({ ...deviceInfo(), ...windowInfo(), ...appBaseInfo() })),
  getMenuButtonBoundingClientRect: () => ({ ...CAPSULE }),
  onMenuButtonBoundingClientRectWeightChange: capsule.on,
  offMenuButtonBoundingClientRectWeightChange: capsule.off,
  onThemeChange: theme.on,
  offThemeChange: theme.off,
  onAppShow: appShow.on,
  offAppShow: appShow.off,
  onAppHide: appHide.on,
  offAppHide: appHide.off,
  onError: errors.on,
  offError: errors.off,
  getLaunchOptionsSync: launchOptions,
  getEnterOptionsSync: launchOptions,
  getAccountInfoSync: () => ({
    miniProgram: { appId: 'wx00000000localdemo', envVersion: 'develop', version: '' },
    plugin: {},
  }),
  getNetworkType: asyncApi('getNetworkType', () => ({
    networkType: 'wifi',
    signalStrength: 100,
    hasSystemProxy: false,
  })),
  onNetworkStatusChange: network.on,
  offNetworkStatusChange: network.off,
  login: asyncApi('login', () => ({ code: `preview-${state.openid}` })),
  checkSession: asyncApi('checkSession', () => ({})),
  getSetting: asyncApi('getSetting', () => ({ authSetting: { 'scope.writePhotosAlbum': true, 'scope.camera': true } })),
  authorize: asyncApi('authorize', () => ({})),
  openSetting: asyncApi('openSetting', () => ({ authSetting: {} })),
  showShareMenu: asyncApi('showShareMenu', () => ({})),
  hideShareMenu: asyncApi('hideShareMenu', () => ({})),
  updateShareMenu: asyncApi('updateShareMenu', () => ({})),
  getUpdateManager: () => ({
    onCheckForUpdate: (listener: (r: unknown) => void) => listener({ hasUpdate: false }),
    onUpdateReady: () => undefined,
    onUpdateFailed: () => undefined,
    applyUpdate: () => undefined,
  }),
  getLogManager: () => ({ log: console.log, info: console.info, warn: console.warn, debug: console.debug }),
  getRealtimeLogManager: () => ({
    info: console.info,
    warn: console.warn,
    error: console.error,
    setFilterMsg: () => undefined,
    addFilterMsg: () => undefined,
  }),
  reportEvent: () => undefined,
  reportAnalytics: () => undefined,
};

/**
 * jest `setupFiles` of the pages project: installs the pieces of the mini-program runtime
 * miniprogram-simulate lacks (wx.cloud, storage, wx.getAppBaseInfo font scale, getApp,
 * getCurrentPages). Tests reset and steer them through test/helpers/simulate.ts.
 */
import { installWx, loadSimulate } from '../helpers/simulate';

installWx();
// Defines the global Component/Behavior, so tests may import page modules directly.
loadSimulate();

/** 食堂 tab: canteen ordering is being built; the page says so honestly. */
import { elderBehavior } from '../../behaviors/elder';

Component({
  behaviors: [elderBehavior],
  data: {
    description:
      '老人食堂每天供应午餐和晚餐，每餐 7 元，可堂食或自取，独居且行动不便的老人可送餐上门，亲属也能代老人订餐。',
  },
});

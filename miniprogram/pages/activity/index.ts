/** 活动 tab: activity sign-ups are being built; the page says so honestly. */
import { elderBehavior } from '../../behaviors/elder';

Component({
  behaviors: [elderBehavior],
  data: {
    description: '报名社区、志愿服务队和党支部组织的活动，到场签到后自动记录志愿服务时长。',
  },
});

/** 议事 tab: the residents' council is being built; the page says so honestly. */
import { elderBehavior } from '../../behaviors/elder';

Component({
  behaviors: [elderBehavior],
  data: {
    description: '居民提出议题、一起讨论和投票，表决结果和落实进度都会在这里公开。',
  },
});

/**
 * 我联系的住户: the households a Party member or unit leader is the paired contact of, each
 * member with a one-tap call (no WeChat said in words). One call on show.
 */
import type { HouseholdContactView } from '../../../../../typings/domain/care';
import { elderBehavior } from '../../../../behaviors/elder';
import { loadable } from '../../../../behaviors/loadable';
import { call } from '../../../../services/api';
import { callNumber } from '../../view';

Component({
  behaviors: [elderBehavior, loadable<{ items: HouseholdContactView[] }>()],
  data: {
    items: [] as HouseholdContactView[],
  },
  methods: {
    onShow() {
      void this.load();
    },
    async fetch() {
      return call('care', 'myHouseholds', {});
    },
    onCall(event: WechatMiniprogram.TouchEvent<object, object, { phone: string }>) {
      callNumber(event.currentTarget.dataset.phone);
    },
  },
});

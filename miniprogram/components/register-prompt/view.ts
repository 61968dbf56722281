/** The words of the register prompt, one place for every tab. */
export type RegisterStatus = 'unregistered' | 'unverified';

export const ME_TAB = '/pages/me/index';
export const BINDING_PAGE = '/packages/me/pages/binding/index';

export interface RegisterPrompt {
  title: string;
  hint: string;
  action: string;
  url: string;
}

export function registerPrompt(status: RegisterStatus, what: string): RegisterPrompt {
  if (status === 'unverified') {
    return {
      title: `您的住址正在等待审核，审核通过后就能${what}`,
      hint: '由楼栋党支部书记或社区工作人员审核，一般一两天内完成。',
      action: '查看审核进度',
      url: BINDING_PAGE,
    };
  }
  return {
    title: `登记住户信息后，就能${what}`,
    hint: '在“我的”填写姓名和住址，楼栋党支部书记或社区工作人员审核后即可使用。',
    action: '去登记',
    url: ME_TAB,
  };
}

/**
 * 申请加入: what I can do and when, and my school if I am a student (the certificate for my
 * school needs it); the team leader decides. One call: volunteer.apply.
 */
import { elderBehavior } from '../../../../behaviors/elder';
import { call, isApiError, showApiError } from '../../../../services/api';

export const SKILL_CHOICES = ['体力好', '会开车', '懂急救', '会修理', '会摄影', '懂法律', '会心理疏导', '会唱歌跳舞'];
export const TIME_CHOICES = ['工作日白天', '工作日晚上', '周末上午', '周末下午', '随叫随到'];

interface Choice {
  label: string;
  checked: boolean;
}

const choices = (labels: string[]): Choice[] => labels.map((label) => ({ label, checked: false }));

/** What the form sends, or the first thing missing (in words). */
export function applyInput(form: {
  teamId: string;
  skills: Choice[];
  times: Choice[];
  student: boolean;
  school: string;
  major: string;
  grade: string;
  note: string;
}) {
  const availability = form.times.filter((c) => c.checked).map((c) => c.label);
  if (!availability.length) return { problem: '请选择您方便的时间' };
  const school = form.school.trim();
  if (form.student && !school) return { problem: '请填写学校名称' };
  const note = form.note.trim();
  return {
    input: {
      teamId: form.teamId,
      skills: form.skills.filter((c) => c.checked).map((c) => c.label),
      availability,
      ...(form.student
        ? {
            student: {
              school,
              ...(form.major.trim() ? { major: form.major.trim() } : {}),
              ...(form.grade.trim() ? { grade: form.grade.trim() } : {}),
            },
          }
        : {}),
      ...(note ? { note } : {}),
    },
  };
}

Component({
  behaviors: [elderBehavior],
  data: {
    teamId: '',
    skills: choices(SKILL_CHOICES),
    times: choices(TIME_CHOICES),
    student: false,
    school: '',
    major: '',
    grade: '',
    note: '',
    formError: '',
    busy: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ teamId: options.teamId ?? '' });
    },
    onSkill(event: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const index = event.currentTarget.dataset.index;
      this.setData({ [`skills[${index}].checked`]: !this.data.skills[index]!.checked });
    },
    onTime(event: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const index = event.currentTarget.dataset.index;
      this.setData({ [`times[${index}].checked`]: !this.data.times[index]!.checked, formError: '' });
    },
    onStudent(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ student: event.detail.value });
    },
    onField(event: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>) {
      this.setData({ [event.currentTarget.dataset.field]: event.detail.value, formError: '' });
    },
    async onSubmit() {
      if (this.data.busy) return;
      const built = applyInput(this.data);
      if ('problem' in built) {
        this.setData({ formError: built.problem! });
        return;
      }
      this.setData({ busy: true });
      try {
        await call('volunteer', 'apply', built.input);
        wx.showToast({ title: '已提交，请等待队长审核', icon: 'none', duration: 3000 });
        void wx.navigateBack();
      } catch (error) {
        if (isApiError(error) && error.code === 'INVALID_INPUT') this.setData({ formError: error.message });
        else showApiError(error);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});

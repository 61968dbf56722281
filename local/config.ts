/**
 * Local values for what a real environment configures: subscribe-message template ids
 * (per environment, set as the functions' environment variables in the CloudBase
 * console) are fake ids here, known to the stand-in's WeChat.
 */
export const SUBSCRIBE_TEMPLATE_IDS = {
  notice: 'local-tpl-notice',
  report: 'local-tpl-report',
  activity: 'local-tpl-activity',
  canteen: 'local-tpl-canteen',
  council: 'local-tpl-council',
} as const;

/** The environment variables every local function gets, as the console would set them. */
export function functionEnvironment(): Record<string, string> {
  return { SUBSCRIBE_TEMPLATES: JSON.stringify(SUBSCRIBE_TEMPLATE_IDS) };
}

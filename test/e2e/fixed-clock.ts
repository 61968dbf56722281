/**
 * Imported first by the visual test: the community clock starts at one fixed instant
 * — even when CS_NOW says another (CI runs the e2e again at a shifted instant) — so the
 * demo is seeded around the same day on every run and the screenshots' dates
 * (今天 / 周三 / 12月10日) are the baselines' dates.
 */
export const VISUAL_NOW = '2026-12-05T10:00:00+08:00';
process.env.CS_NOW = VISUAL_NOW;

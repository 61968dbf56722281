/**
 * A status shown as a tdesign t-tag: its words and icon carry the meaning, the theme's colour
 * only repeats it (elder mode: nothing relies on colour alone).
 */
export interface StatusTag {
  text: string;
  theme: 'primary' | 'success' | 'warning' | 'danger' | 'default';
  icon: string;
}

/**
 * Native-looking layers over the phone screen: WeChat draws its modal, action sheet,
 * pickers and permission dialogs above the page, so the shim and the built-in components
 * render theirs here. Every dialog carries a data-testid so e2e tests can answer it.
 */
import { doc, h, type El } from '../dom';

let layer: El | null = null;

export function setOverlayRoot(root: El): void {
  layer = root;
}

export function overlayRoot(): El {
  if (!layer) throw new Error('preview: the phone overlay is not mounted yet');
  return layer;
}

export interface DialogButton {
  text: string;
  color?: string;
  /** The main action: drawn bold. */
  primary?: boolean;
}

export interface DialogOptions {
  testId: string;
  title?: string;
  content?: string | El;
  buttons: DialogButton[];
}

/** A centred WeChat-style dialog; resolves with the index of the button pressed. */
export function showDialog(options: DialogOptions): Promise<number> {
  return new Promise((resolve) => {
    const mask = h('div', { class: 'pv-mask', 'data-testid': options.testId });
    const close = (index: number) => {
      mask.remove();
      resolve(index);
    };
    const buttons = options.buttons.map((button, index) => {
      const el = h('button', {
        class: `pv-dialog__btn${button.primary ? ' is-primary' : ''}`,
        type: 'button',
        text: button.text,
      });
      if (button.color) el.style.color = button.color;
      el.addEventListener('click', () => close(index));
      return el;
    });
    const content =
      typeof options.content === 'string'
        ? h('div', { class: 'pv-dialog__content', text: options.content })
        : options.content;
    mask.append(
      h('div', { class: 'pv-dialog', role: 'dialog' }, [
        options.title ? h('div', { class: 'pv-dialog__title', text: options.title }) : null,
        content
          ? content.classList.contains('pv-dialog__content')
            ? content
            : h('div', { class: 'pv-dialog__content' }, [content])
          : null,
        h('div', { class: 'pv-dialog__buttons' }, buttons),
      ]),
    );
    overlayRoot().append(mask);
  });
}

export interface Sheet {
  body: El;
  close(): void;
}

/** A bottom sheet (pickers, action sheets). Tapping the mask calls onCancel. */
export function showSheet(testId: string, onCancel: () => void): Sheet {
  const body = h('div', { class: 'pv-sheet', role: 'dialog' });
  const mask = h('div', { class: 'pv-mask pv-mask--bottom', 'data-testid': testId }, [body]);
  const close = () => mask.remove();
  mask.addEventListener('click', (event) => {
    if (event.target === mask) {
      close();
      onCancel();
    }
  });
  overlayRoot().append(mask);
  return { body, close };
}

/** Plain text input inside a dialog (scan prompt, editable modal). */
export function textField(placeholder: string, value = ''): El {
  const input = doc.createElement('input');
  input.className = 'pv-field';
  input.placeholder = placeholder;
  input.value = value;
  return input;
}

/** Registers every built-in component; must run before any mini-program component. */
import { registerBasics } from './basic';
import { registerButton } from './button';
import { registerChoices } from './choice';
import { registerImage } from './image';
import { registerInputs } from './input';
import { registerPicker } from './picker';
import { registerScrollView } from './scroll-view';
import { registerSwiper } from './swiper';

export function registerBuiltins(): void {
  registerBasics();
  registerInputs();
  registerButton();
  registerImage();
  registerScrollView();
  registerSwiper();
  registerPicker();
  registerChoices();
}

import type { ReactNode } from 'react';
import { Button as TaroButton } from '@tarojs/components';
import type { ButtonProps } from '@tarojs/components';

type Props = ButtonProps & { children?: ReactNode };

/** The label as text when the children are plain strings and numbers ('' otherwise). */
function labelOf(children: ReactNode): string {
  const parts = Array.isArray(children) ? children : [children];
  return parts.every((c) => typeof c === 'string' || typeof c === 'number') ? parts.join('') : '';
}

/**
 * Taro's Button, remounted whenever its text label changes. On H5 the button is a Stencil web
 * component that keeps its own loading icon among its children: React patching the label in
 * place (textContent or insertBefore next to that icon) throws NotFoundError. A new element per
 * label avoids it for buttons without `loading` (the certificate pages; their journey logs no
 * error). Buttons with `loading` keep their label in a `<Text>`: moved to this wrapper, the
 * volunteering and identity journeys logged the error again. On weapp the key costs nothing.
 */
export function Button({ children, ...props }: Props) {
  const label = labelOf(children);
  return (
    <TaroButton key={label} {...props}>
      {label || children}
    </TaroButton>
  );
}

import type { SelectHTMLAttributes } from 'react';
import { controlClass, controlWidth } from './input';

export function Select({ inline, className = '', ...props }: SelectHTMLAttributes<HTMLSelectElement> & { inline?: boolean }) {
  return <select {...props} className={`${controlClass} ${controlWidth(inline)} ${className}`} />;
}

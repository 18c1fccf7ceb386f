import type { TextareaHTMLAttributes } from 'react';
import { controlClass, controlWidth } from './input';

export function Textarea({ className = '', ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea {...props} className={`${controlClass} ${controlWidth()} ${className}`} />;
}

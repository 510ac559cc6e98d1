import type { ButtonHTMLAttributes } from 'react';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-accent text-white hover:bg-accent-dark border-transparent',
  secondary: 'bg-white text-slate-900 border-slate-300 hover:bg-slate-100',
  ghost: 'bg-transparent text-slate-700 border-transparent hover:bg-slate-200',
  danger: 'bg-white text-error border-slate-300 hover:bg-red-50',
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: 'sm' | 'md';
}

/** The one button style of the app: visible focus ring, disabled look, no submit by accident. */
export function Button({ variant = 'secondary', size = 'md', className = '', type = 'button', ...rest }: ButtonProps) {
  const pad = size === 'sm' ? 'px-2 py-1 text-sm' : 'px-3 py-1.5';
  return (
    <button
      type={type}
      className={`inline-flex items-center justify-center gap-1.5 rounded-md border font-medium ${pad} ${VARIANTS[variant]} disabled:cursor-not-allowed disabled:opacity-40 ${className}`}
      {...rest}
    />
  );
}

/** A small square icon button; `label` is its accessible name (and tooltip). */
export function IconButton({ label, className = '', ...rest }: ButtonProps & { label: string }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className={`inline-flex h-7 w-7 items-center justify-center rounded text-slate-600 hover:bg-slate-200 hover:text-slate-900 disabled:opacity-30 ${className}`}
      {...rest}
    />
  );
}

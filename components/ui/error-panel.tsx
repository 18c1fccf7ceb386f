import Link from 'next/link';
import { Button, buttonClass } from './button';

/**
 * What an error.tsx shows: what happened in words, a way on (try again, or a page that works), and
 * the digest that lets an operator find the logged error. Never the error's message or stack: those
 * can hold internals.
 */
export function ErrorPanel({
  title,
  message,
  digest,
  retry,
  home,
}: {
  title: string;
  message: string;
  digest?: string;
  retry: () => void;
  home: { href: string; label: string };
}) {
  return (
    <div role="alert" className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">{message}</p>
      {digest && (
        <p className="mt-3 text-sm text-slate-500 dark:text-slate-400">
          If it keeps failing, give your platform team this reference: <code className="font-mono">{digest}</code>
        </p>
      )}
      <div className="mt-6 flex justify-center gap-2">
        <Button type="button" onClick={retry}>
          Try again
        </Button>
        <Link href={home.href} className={buttonClass('secondary')}>
          {home.label}
        </Link>
      </div>
    </div>
  );
}

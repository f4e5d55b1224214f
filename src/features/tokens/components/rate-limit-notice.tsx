import { useEffect, useState } from 'react';
import { Alert } from '../../../components/ui/alert';

/** "Too many requests — retrying in 12 s", counting down to the automatic retry. */
export function RateLimitNotice({ seconds }: { seconds: number }) {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    const id = window.setInterval(() => setLeft((n) => Math.max(0, n - 1)), 1000);
    return () => window.clearInterval(id);
  }, []);
  return (
    <Alert tone="warning">
      {/* The countdown is for the eyes; screen readers hear one sentence, not a tick a second. */}
      <span aria-hidden="true">Too many requests — retrying in {left} s.</span>
      <span role="status" className="sr-only">
        Too many requests — retrying automatically in {seconds} seconds.
      </span>
    </Alert>
  );
}

import { Link } from 'react-router-dom';

/** A "back to" link at the top of a page. */
export function BackLink({ to, children }: { to: string; children: string }) {
  return (
    <p>
      <Link to={to}>← {children}</Link>
    </p>
  );
}

/**
 * A small label above a value in a table that stacks into cards below 56rem of its container
 * (ADR 002): shown in the stacked layout only, and hidden from assistive tech, for which the table's
 * column headers already name the value.
 */
export function CardLabel({ children }: { children: string }) {
  return (
    <span aria-hidden="true" className="mb-1 block text-xs font-medium text-zinc-600 @4xl:hidden dark:text-zinc-400">
      {children}
    </span>
  );
}

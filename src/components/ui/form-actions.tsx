import { Button } from './button';

type FormActionsProps = {
  onCancel: () => void;
  /** While the submit is on its way: the submit button is disabled and says `pendingLabel`. */
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
};

/** A dialog form's Cancel and submit: side by side from `sm` up, submit on top on a phone. */
export function FormActions({ onCancel, pending, submitLabel, pendingLabel }: FormActionsProps) {
  return (
    <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </div>
  );
}

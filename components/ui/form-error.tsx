/** A form-level error inside a dialog or form, announced to screen readers; renders nothing without a message. */
export function FormError({ message, id }: { message: string | undefined | null; id?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="text-sm text-destructive">
      {message}
    </p>
  );
}

/** A refused action's message, announced to screen readers; nothing when there is none. */
export function ErrorAlert(props: { message: string | null | undefined; testId?: string }) {
  if (!props.message) return null;
  return (
    <p role="alert" className="form-error" data-testid={props.testId}>
      {props.message}
    </p>
  );
}

import { cn } from "@/lib/utils";

/**
 * A native radio button drawn as a card: the whole card selects it, and the radio keeps its role, its group (by
 * `name`) and its name, which is `label` alone; `hint` describes it.
 */
export function RadioCard({
  id,
  label,
  hint,
  className,
  ...props
}: Omit<React.ComponentProps<"input">, "type" | "id"> & { id: string; label: React.ReactNode; hint?: React.ReactNode }) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div
      data-slot="radio-card"
      className={cn(
        "relative grid grid-cols-[auto_1fr] items-start gap-x-2 rounded-md border border-input px-3 py-2 text-sm transition-colors hover:bg-accent/60",
        "has-[:checked]:border-primary has-[:checked]:bg-accent has-[:checked]:text-accent-foreground has-[:disabled]:opacity-50",
        className,
      )}
    >
      <input
        type="radio"
        id={id}
        aria-describedby={hintId}
        className="peer relative z-10 mt-0.5 size-4 shrink-0 appearance-none rounded-full border border-input bg-background outline-none checked:border-[5px] checked:border-primary focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background"
        {...props}
      />
      {/* The label stretches over the card (under the radio itself), so a click anywhere on it picks the choice. */}
      <label htmlFor={id} className="cursor-pointer font-medium after:absolute after:inset-0 peer-disabled:cursor-not-allowed">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="col-start-2 text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

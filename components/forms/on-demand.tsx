"use client";

import { lazy, Suspense, useState, type ComponentType } from "react";

export type OnDemand<P> = ComponentType<P> & {
  /** Starts loading the dialog's code, e.g. when the pointer reaches the button that opens it. */
  preload: () => void;
};

/**
 * A dialog whose code (its form, react-hook-form, the zod schemas) reaches the browser only when it is first opened,
 * not with the page. Until then it renders nothing; once opened it stays mounted, so that closing animates and
 * focus goes back to the opener like any other dialog's. `isOpen` reads the open state from the dialog's props.
 */
export function onDemand<P extends object>(
  load: () => Promise<ComponentType<P>>,
  isOpen: (props: P) => boolean,
): OnDemand<P> {
  let loading: Promise<ComponentType<P>> | null = null;
  const loadOnce = () => (loading ??= load());
  const Dialog = lazy(() => loadOnce().then((component) => ({ default: component })));

  function OnDemandDialog(props: P) {
    const open = isOpen(props);
    const [wanted, setWanted] = useState(open);
    if (open && !wanted) setWanted(true);
    if (!wanted) return null;
    return (
      <Suspense fallback={null}>
        <Dialog {...props} />
      </Suspense>
    );
  }
  return Object.assign(OnDemandDialog, {
    preload: () => {
      // A failed preload is retried by the open itself, which then shows the error boundary's message.
      loadOnce().catch(() => {
        loading = null;
      });
    },
  });
}

/** Props for the button that opens an on-demand dialog: its code starts loading on hover or focus, before the click. */
export function preloadOn(dialog: { preload: () => void }) {
  return { onPointerEnter: dialog.preload, onFocus: dialog.preload };
}

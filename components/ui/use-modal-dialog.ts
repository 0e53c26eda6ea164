"use client";

import { useEffect, useRef } from "react";

/**
 * Keeps a native <dialog> in step with an `open` prop: shown as a modal (focus trapped, the page
 * inert behind it) while open, closed otherwise. `onOpen` runs each time it opens.
 */
export function useModalDialog(open: boolean, onOpen?: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      onOpenRef.current?.();
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}

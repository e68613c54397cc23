"use client";

import { PageError } from "@/components/errors/page-error";

export default function ConsoleError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError {...props} />;
}

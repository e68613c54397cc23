"use client";

import { PageError } from "@/components/errors/page-error";

/** Errors of the layouts below the root, such as the console's, which loads the signed-in person from the database. */
export default function RootError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="px-4">
      <PageError {...props} />
    </div>
  );
}

import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto grid max-w-lg gap-3 px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Access denied</h1>
      <p className="text-muted-foreground">You don&apos;t have permission to view this page.</p>
      <p>
        <Link href="/admin/people?role=administrator" className="underline underline-offset-4">
          See who your Administrators are
        </Link>{" "}
        or{" "}
        <Link href="/profile" className="underline underline-offset-4">
          go to your profile
        </Link>
        .
      </p>
    </div>
  );
}

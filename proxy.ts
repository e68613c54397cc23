export { auth as proxy } from "@/lib/auth/config";

export const config = {
  // Everything but Next's own assets; public paths are let through by the `authorized` callback.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};

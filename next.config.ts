import type { NextConfig } from "next";
import { MAX_API_BODY_BYTES, STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite must stay a Node package: bundled, Turbopack would copy its wasm and data into public static media.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  experimental: {
    // forbidden() answers 403 with app/forbidden.tsx when a signed-in person lacks a permission.
    authInterrupts: true,
    // The proxy buffers request bodies so the route can read them again; one byte over the API's limit is enough for
    // the route's body reader to see that a body is too large and refuse it.
    proxyClientMaxBodySize: MAX_API_BODY_BYTES + 1,
  },
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      // API answers are per credential: no shared cache may keep one.
      { source: "/api/:path*", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
};

export default nextConfig;

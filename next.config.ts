import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite must stay a Node package: bundled, Turbopack would copy its wasm and data into public static media.
  // postgres.js too: db/broken-connection.ts knows its broken-connection failure by the file it is thrown from.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  experimental: {
    // forbidden() answers 403 with app/forbidden.tsx when a signed-in person lacks a permission.
    authInterrupts: true,
  },
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [STRICT_TRANSPORT_SECURITY],
      },
      // API answers are per credential: no shared cache may keep one.
      { source: "/api/:path*", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
};

export default nextConfig;

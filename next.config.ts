import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite must stay a Node package: bundled, Turbopack would copy its wasm and data into public static media.
  // postgres.js too: db/broken-connection.ts knows its broken-connection failure by the file it is thrown from.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  // The security headers are put on every response by the server's request listener (lib/http/security-headers.ts).
  experimental: {
    // forbidden() answers 403 with app/forbidden.tsx when a signed-in person lacks a permission.
    authInterrupts: true,
  },
};

export default nextConfig;

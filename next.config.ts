import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite must stay a Node package: bundled, Turbopack would copy its wasm and data into public static media.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  experimental: {
    // forbidden() answers 403 with app/forbidden.tsx when a signed-in person lacks a permission.
    authInterrupts: true,
  },
};

export default nextConfig;

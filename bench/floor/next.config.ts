import path from "node:path";
import type { NextConfig } from "next";

// A blank Next.js app (the bench's floor): built and started by bench/run.mjs from this folder, with the packages
// of the repository it sits in.
const root = path.resolve(process.cwd(), "../..");

const nextConfig: NextConfig = {
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  outputFileTracingRoot: root,
  turbopack: { root },
};

export default nextConfig;

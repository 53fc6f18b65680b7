/** @type {import('next').NextConfig} */
const nextConfig = {
  // Several checkouts' builds can live side by side (parallel e2e runs): CONCORD_DIST_DIR picks the folder.
  distDir: process.env.CONCORD_DIST_DIR || ".next",
  // Database drivers stay out of the bundle (PGlite ships WebAssembly and data files).
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "pg",
    "sanitize-html",
  ],
  poweredByHeader: false,
  // forbidden() in pages answers 403 with app/forbidden.tsx.
  experimental: { authInterrupts: true },
  reactStrictMode: true,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;

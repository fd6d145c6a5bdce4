/** @type {import('next').NextConfig} */
const nextConfig = {
  // The image runs .next/standalone/apps/web/server.js (no pnpm, no next CLI).
  output: 'standalone',
};

export default nextConfig;

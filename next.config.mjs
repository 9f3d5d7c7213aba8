import { networkInterfaces } from 'node:os'
import createMDX from '@next/mdx'

// Plugins are given as strings: Turbopack cannot serialise plugin functions.
const withMDX = createMDX({ extension: /\.mdx?$/, options: { remarkPlugins: [['remark-gfm']] } })

// `next dev` prints localhost and this machine's network addresses; Next 16 refuses its dev resources (the HMR socket,
// on-demand chunks) to any other origin, and the page then waits forever. Allow every address it may print. Beyond
// localhost and 127.0.0.1 the page still cannot start its emulator: browsers allow service workers only on https or
// loopback, and the playground says so.
const devHosts = ['localhost', '127.0.0.1', '[::1]'].concat(
  Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal)
    .map((a) => (a.family === 'IPv6' ? `[${a.address}]` : a.address)),
)

/** @type {import('next').NextConfig} */
const config = {
  pageExtensions: ['ts', 'tsx', 'md', 'mdx'],
  // `npm run build` exports a static site that any static host (an S3 bucket included) can serve.
  // trailingSlash writes playground/index.html, which plain static servers resolve without redirects.
  ...(process.env.NEXT_OUTPUT === 'export' ? { output: 'export' } : {}),
  trailingSlash: true,
  images: { unoptimized: true },
  allowedDevOrigins: devHosts,
}

export default withMDX(config)

import createMDX from '@next/mdx'

// Plugins are given as strings: Turbopack cannot serialise plugin functions.
const withMDX = createMDX({ extension: /\.mdx?$/, options: { remarkPlugins: [['remark-gfm']] } })

/** @type {import('next').NextConfig} */
const config = {
  pageExtensions: ['ts', 'tsx', 'md', 'mdx'],
  // `npm run build` exports a static site that any static host (an S3 bucket included) can serve.
  // trailingSlash writes playground/index.html, which plain static servers resolve without redirects.
  ...(process.env.NEXT_OUTPUT === 'export' ? { output: 'export' } : {}),
  trailingSlash: true,
  images: { unoptimized: true },
}

export default withMDX(config)

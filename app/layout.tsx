import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import { SiteHeader } from '@/components/layout/SiteHeader'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'S3 Encryption Playground', template: '%s · S3 Encryption Playground' },
  description:
    'Learn Amazon S3 object encryption by doing it: a faithful aws CLI and an S3 emulator that encrypts for real, in your browser.',
}

// Runs before paint so the page never flashes the wrong theme. `?presenter=1` (a facilitator's link) turns on large type.
const themeScript = `try{var t=localStorage.getItem('theme');if(t==='dark'||(!t&&matchMedia('(prefers-color-scheme: dark)').matches))document.documentElement.classList.add('dark');if(/[?&]presenter=1(&|$)/.test(location.search))localStorage.setItem('presenter','1');if(localStorage.getItem('presenter')==='1')document.documentElement.classList.add('presenter')}catch(e){}`

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-[var(--panel)] focus:p-2"
        >
          Skip to content
        </a>
        <SiteHeader />
        <main id="main">{children}</main>
      </body>
    </html>
  )
}

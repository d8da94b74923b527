import type { Metadata } from 'next'
import config from '@payload-config'
import { generatePageMetadata } from '@payloadcms/next/views'

import { AdminNotFound } from '@/components/admin/notFound/AdminNotFound'

type Args = {
  params: Promise<{ segments: string[] }>
  searchParams: Promise<{ [key: string]: string | string[] }>
}

export const generateMetadata = ({ params, searchParams }: Args): Promise<Metadata> =>
  generatePageMetadata({ config, params, searchParams })

/**
 * Next renders a segment's not-found component on every request of the segment, found or not (it
 * travels with the page, ready for notFound()). Payload's NotFoundPage signs the user in again,
 * computes every collection's permissions again and renders the navigation: on every admin page,
 * a third of a reviewer's review screen (issue 15). This one shows the same message from the
 * admin's root layout, with no server work.
 */
export default function NotFound() {
  return <AdminNotFound />
}

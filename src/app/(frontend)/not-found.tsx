import React from 'react'

import { NotFoundMessage } from '@/components/site/SiteChrome'

export default function NotFound() {
  return <NotFoundMessage />
}

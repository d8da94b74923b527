import Link from 'next/link'
import React from 'react'

export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        This answer does not exist or is not published. <Link href="/">Search the reviewed answers</Link>.
      </p>
    </>
  )
}

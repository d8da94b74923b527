import React from 'react'

export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        This answer does not exist or is not published. <a href="/">Search the reviewed answers</a>.
      </p>
    </>
  )
}

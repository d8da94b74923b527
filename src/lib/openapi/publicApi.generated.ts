// Generated from the OpenAPI document by `npm run generate:openapi` (scripts/openapiTypes.ts). Do not edit.
export interface paths {
  '/answers': {
    parameters: {
      query?: {
        /** @description The page, from 1. */
        page?: number
        /** @description Answers per page; more than 100 returns 100. */
        limit?: number
        /** @description Search words: every word must match a title, question, summary or body (by stem, prefix or with a typo); best match first. Without it, newest review first. */
        q?: string
        /** @description Only answers about this cancer type (its slug). */
        cancerType?: string
      }
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List or search published answers
     * @description Without `q`, every published answer, newest review first; with `q`, the answers matching every word, best match first. `%`, `_` and `\` are literal characters.
     */
    get: operations['listAnswers']
    put?: never
    post?: never
    delete?: never
    /**
     * CORS preflight
     * @description Answers 204. A browser on one of the origins in PUBLIC_SITE_ORIGINS gets the CORS headers.
     */
    options: operations['preflightAnswers']
    head?: never
    patch?: never
    trace?: never
  }
  '/answers/{slug}': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The answer's slug. */
        slug: string
      }
      cookie?: never
    }
    /**
     * One published answer
     * @description An unknown or unpublished slug, or one that cannot be a slug, is a 404.
     */
    get: operations['getAnswer']
    put?: never
    post?: never
    delete?: never
    /**
     * CORS preflight
     * @description Answers 204. A browser on one of the origins in PUBLIC_SITE_ORIGINS gets the CORS headers.
     */
    options: operations['preflightAnswer']
    head?: never
    patch?: never
    trace?: never
  }
  '/cancer-types': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Cancer types with their number of published answers
     * @description Every cancer type, by name, with how many published answers it has.
     */
    get: operations['listCancerTypes']
    put?: never
    post?: never
    delete?: never
    /**
     * CORS preflight
     * @description Answers 204. A browser on one of the origins in PUBLIC_SITE_ORIGINS gets the CORS headers.
     */
    options: operations['preflightCancerTypes']
    head?: never
    patch?: never
    trace?: never
  }
  '/openapi.json': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * This document
     * @description The OpenAPI 3.1 document of this API, served like every other public response (ETag, 304, CORS).
     */
    get: operations['getOpenApiDocument']
    put?: never
    post?: never
    delete?: never
    /**
     * CORS preflight
     * @description Answers 204. A browser on one of the origins in PUBLIC_SITE_ORIGINS gets the CORS headers.
     */
    options: operations['preflightOpenApiDocument']
    head?: never
    patch?: never
    trace?: never
  }
}
export interface webhooks {
  'answer.published': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Answer published (first time live)
     * @description A POST with `"type": "answer.published"`, signed as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature). Any 2xx acknowledges it; anything else is retried with backoff, in order per answer.
     */
    post: operations['webhook_answer_published']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'answer.revised': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Answer revised (a new version live, or its public notice changed)
     * @description A POST with `"type": "answer.revised"`, signed as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature). Any 2xx acknowledges it; anything else is retried with backoff, in order per answer.
     */
    post: operations['webhook_answer_revised']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'answer.withdrawn': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Answer withdrawn from the public site
     * @description A POST with `"type": "answer.withdrawn"`, signed as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature). Any 2xx acknowledges it; anything else is retried with backoff, in order per answer.
     */
    post: operations['webhook_answer_withdrawn']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'answer.evidence_changed': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * A passage a live answer cites changed
     * @description A POST with `"type": "answer.evidence_changed"`, signed as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature). Any 2xx acknowledges it; anything else is retried with backoff, in order per answer.
     */
    post: operations['webhook_answer_evidence_changed']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  'answer.review_overdue': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * A live answer's periodic review is overdue
     * @description A POST with `"type": "answer.review_overdue"`, signed as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature). Any 2xx acknowledges it; anything else is retried with backoff, in order per answer.
     */
    post: operations['webhook_answer_review_overdue']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
}
export interface components {
  schemas: {
    CancerTypeRef: {
      /** @description The cancer type's slug, e.g. "pancreatic". */
      slug: string
      /** @description Its name as patients read it, e.g. "Pancreatic cancer". */
      name: string
    }
    Reference: {
      /** @description The reference number, by first appearance (the direct answer first, then the body). */
      n: number
      /** @description The guideline publisher, e.g. "NCCN". */
      publisher: string
      title: string
      /** @description The guideline version the passage is from. */
      version: string
      /** @description Link to the guideline. */
      url: string
      /** @description The cited passage within the guideline. */
      passageId: string
      /** @description The heading of the cited passage. */
      passageHeading: string
    }
    Claim: {
      /** @description "direct answer", or the body heading the claim is under. */
      part: string
      /** @description The sentence or list item. */
      text: string
      /** @description The numbers of the references that support it ([] for an uncited claim). */
      references: number[]
    }
    Notice: {
      /** @enum {string} */
      kind: 'evidence_changed' | 'review_overdue'
      /**
       * Format: date-time
       * @description When the condition began.
       */
      since: string
      /** @description What patients read above the answer. */
      message: string
    }
    LexicalBody:
      | ({
          root: {
            type: string
            children: ({
              type: string
              version: number
            } & {
              [key: string]: unknown
            })[]
            direction: ('ltr' | 'rtl') | null
            /** @enum {string} */
            format: 'left' | 'start' | 'center' | 'right' | 'end' | 'justify' | ''
            indent: number
            version: number
          } & {
            [key: string]: unknown
          }
        } & {
          [key: string]: unknown
        })
      | null
    Answer: {
      slug: string
      title: string
      /** @description The patient's question. */
      question: string
      cancerType: components['schemas']['CancerTypeRef']
      /** @description The short, direct answer. */
      summary: string
      /** @description The direct answer's reference numbers. */
      summaryReferences: number[]
      body: components['schemas']['LexicalBody']
      /** @description The body as sanitized HTML; each citation is <sup class="cite"><a href="#ref-N" aria-label="Reference N">[N]</a></sup>. */
      bodyHtml: string
      /** @description Every sentence or list item, part by part, with its reference numbers. */
      claims: components['schemas']['Claim'][]
      /** @description The numbered reference list. */
      references: components['schemas']['Reference'][]
      questionsToAsk: {
        question: string
        why: string
      }[]
      keyTakeaway: string
      /** @description Each cited guideline once (kept for clients written before `references`). */
      sources: {
        publisher: string
        title: string
        version: string
        url: string
      }[]
      /** @description The clinicians who approved this version. */
      reviewedBy: {
        name: string
        credentials: string
      }[]
      /**
       * Format: date-time
       * @description When the answer was first published.
       */
      publishedAt: string
      /**
       * Format: date-time
       * @description When this version was approved.
       */
      lastReviewedAt: string
      /**
       * Format: date-time
       * @description When its next clinical review is due.
       */
      nextReviewDue: string
      /** @description What patients are told beside the content; null when there is nothing to say. */
      notice: components['schemas']['Notice'] | null
      /** @description How the answer was written and who reviewed it. */
      disclosure: string
      disclaimer: string
    }
    AnswerListItem: {
      slug: string
      title: string
      cancerType: components['schemas']['CancerTypeRef']
      /** @description The short, direct answer. */
      summary: string
      /**
       * Format: date-time
       * @description When this version was approved.
       */
      lastReviewedAt: string
    }
    AnswerList: {
      docs: components['schemas']['AnswerListItem'][]
      /** @description How many answers match, on every page. */
      totalDocs: number
      page: number
      totalPages: number
    }
    CancerType: {
      slug: string
      name: string
      /** @description How many published answers it has. */
      answerCount: number
    }
    CancerTypeList: components['schemas']['CancerType'][]
    Error: {
      errors: {
        /** @description What is wrong, for a person to read. */
        message: string
      }[]
    }
    WebhookEvent: {
      /** @enum {string} */
      type: 'answer.published' | 'answer.revised' | 'answer.withdrawn' | 'answer.evidence_changed' | 'answer.review_overdue'
      /** Format: date-time */
      occurredAt: string
      answer: {
        /** @description The answer id (a string on every database). */
        id: string
        slug: string | null
        title: string
        url: string | null
        version: {
          /** @description How many times reviewers have approved the answer. */
          reviewCycle: number | null
          publishedAt: string | null
          lastReviewedAt: string | null
          nextReviewDue: string | null
        }
      }
      evidenceChange?: {
        id: string
        kind: string
        changedOn: string | null
        safetyCorrection: boolean
      }
      review?: {
        /** Format: date-time */
        dueAt: string
      }
    }
    /** @description An OpenAPI 3.1 document (this one). */
    OpenApiDocument: {
      /** @constant */
      openapi: '3.1.0'
    }
  }
  responses: {
    /** @description Not modified: the If-None-Match ETag is current. No body. */
    NotModified: {
      headers: {
        ETag: components['headers']['ETag']
        'Cache-Control': components['headers']['CacheControl']
        'CDN-Cache-Control': components['headers']['CdnCacheControl']
        'Surrogate-Control': components['headers']['SurrogateControl']
        'Surrogate-Key': components['headers']['SurrogateKey']
        'Cache-Tag': components['headers']['CacheTag']
        Vary: components['headers']['Vary']
        'Access-Control-Allow-Origin': components['headers']['AccessControlAllowOrigin']
        [name: string]: unknown
      }
      content?: never
    }
    /** @description A query parameter is refused; the message names it. */
    BadRequest: {
      headers: {
        /** @description Errors are never stored. */
        'Cache-Control': 'no-store'
        Vary: components['headers']['Vary']
        'Access-Control-Allow-Origin': components['headers']['AccessControlAllowOrigin']
        [name: string]: unknown
      }
      content: {
        'application/json': components['schemas']['Error']
      }
    }
    /** @description No published answer with this slug. */
    NotFound: {
      headers: {
        /** @description Errors are never stored. */
        'Cache-Control': 'no-store'
        Vary: components['headers']['Vary']
        'Access-Control-Allow-Origin': components['headers']['AccessControlAllowOrigin']
        [name: string]: unknown
      }
      content: {
        'application/json': components['schemas']['Error']
      }
    }
    /** @description The answers could not be read just now. */
    ServerError: {
      headers: {
        /** @description Errors are never stored. */
        'Cache-Control': 'no-store'
        Vary: components['headers']['Vary']
        'Access-Control-Allow-Origin': components['headers']['AccessControlAllowOrigin']
        [name: string]: unknown
      }
      content: {
        'application/json': components['schemas']['Error']
      }
    }
    /** @description The Bearer key is unknown or revoked. */
    Unauthorized: {
      headers: {
        /** @description Errors are never stored. */
        'Cache-Control': 'no-store'
        Vary: components['headers']['Vary']
        'Access-Control-Allow-Origin': components['headers']['AccessControlAllowOrigin']
        [name: string]: unknown
      }
      content: {
        'application/json': components['schemas']['Error']
      }
    }
    /** @description The Bearer key is not a "site" key (an importer key cannot read the public API). */
    Forbidden: {
      headers: {
        /** @description Errors are never stored. */
        'Cache-Control': 'no-store'
        Vary: components['headers']['Vary']
        'Access-Control-Allow-Origin': components['headers']['AccessControlAllowOrigin']
        [name: string]: unknown
      }
      content: {
        'application/json': components['schemas']['Error']
      }
    }
    /** @description Over the rate limit: per client address without a key (PUBLIC_API_RATE_LIMIT a minute), per key with one. */
    TooManyRequests: {
      headers: {
        /** @description Errors are never stored. */
        'Cache-Control': 'no-store'
        Vary: components['headers']['Vary']
        'Access-Control-Allow-Origin': components['headers']['AccessControlAllowOrigin']
        /** @description Seconds until a request will be admitted. */
        'Retry-After': string
        [name: string]: unknown
      }
      content: {
        'application/json': components['schemas']['Error']
      }
    }
    /** @description No content. */
    Preflight: {
      headers: {
        'Access-Control-Allow-Origin': components['headers']['AccessControlAllowOrigin']
        [name: string]: unknown
      }
      content?: never
    }
  }
  parameters: {
    /** @description The ETag of the response you hold: a 304 without a body when it is still current. */
    IfNoneMatch: string
  }
  requestBodies: never
  headers: {
    /** @description A strong validator of the response body. */
    ETag: string
    /** @description Browsers keep nothing without asking (a withdrawn answer is never shown from a browser cache). */
    CacheControl: 'public, max-age=0, must-revalidate'
    /** @description How long a CDN may keep the response (CDN_MAX_AGE seconds): Cloudflare, Akamai. */
    CdnCacheControl: string
    /** @description The same for Fastly and Varnish. */
    SurrogateControl: string
    /** @description Cache tags, space-separated (Fastly purge by key): `public`, `answers`, `cancer-types`, `answer-SLUG`. */
    SurrogateKey: string
    /** @description The same tags, comma-separated (Cloudflare purge by tag). */
    CacheTag: string
    /** @description The response depends on the Origin (CORS) and Accept-Encoding (gzip). */
    Vary: string
    /** @description The request’s Origin, when it is one of PUBLIC_SITE_ORIGINS (with Access-Control-Expose-Headers: ETag, Surrogate-Key, Cache-Tag, Retry-After). */
    AccessControlAllowOrigin: string
  }
  pathItems: never
}
export type $defs = Record<string, never>
export interface operations {
  listAnswers: {
    parameters: {
      query?: {
        /** @description The page, from 1. */
        page?: number
        /** @description Answers per page; more than 100 returns 100. */
        limit?: number
        /** @description Search words: every word must match a title, question, summary or body (by stem, prefix or with a typo); best match first. Without it, newest review first. */
        q?: string
        /** @description Only answers about this cancer type (its slug). */
        cancerType?: string
      }
      header?: {
        /** @description The ETag of the response you hold: a 304 without a body when it is still current. */
        'If-None-Match'?: components['parameters']['IfNoneMatch']
      }
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description OK. Cache tags: public, answers. */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          'Cache-Control': components['headers']['CacheControl']
          'CDN-Cache-Control': components['headers']['CdnCacheControl']
          'Surrogate-Control': components['headers']['SurrogateControl']
          'Surrogate-Key': components['headers']['SurrogateKey']
          'Cache-Tag': components['headers']['CacheTag']
          Vary: components['headers']['Vary']
          'Access-Control-Allow-Origin': components['headers']['AccessControlAllowOrigin']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['AnswerList']
        }
      }
      304: components['responses']['NotModified']
      400: components['responses']['BadRequest']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      429: components['responses']['TooManyRequests']
      500: components['responses']['ServerError']
    }
  }
  preflightAnswers: {
    parameters: {
      query?: {
        /** @description The page, from 1. */
        page?: number
        /** @description Answers per page; more than 100 returns 100. */
        limit?: number
        /** @description Search words: every word must match a title, question, summary or body (by stem, prefix or with a typo); best match first. Without it, newest review first. */
        q?: string
        /** @description Only answers about this cancer type (its slug). */
        cancerType?: string
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      204: components['responses']['Preflight']
    }
  }
  getAnswer: {
    parameters: {
      query?: never
      header?: {
        /** @description The ETag of the response you hold: a 304 without a body when it is still current. */
        'If-None-Match'?: components['parameters']['IfNoneMatch']
      }
      path: {
        /** @description The answer's slug. */
        slug: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description OK. Cache tags: public, answer-{slug}. */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          'Cache-Control': components['headers']['CacheControl']
          'CDN-Cache-Control': components['headers']['CdnCacheControl']
          'Surrogate-Control': components['headers']['SurrogateControl']
          'Surrogate-Key': components['headers']['SurrogateKey']
          'Cache-Tag': components['headers']['CacheTag']
          Vary: components['headers']['Vary']
          'Access-Control-Allow-Origin': components['headers']['AccessControlAllowOrigin']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Answer']
        }
      }
      304: components['responses']['NotModified']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      404: components['responses']['NotFound']
      429: components['responses']['TooManyRequests']
      500: components['responses']['ServerError']
    }
  }
  preflightAnswer: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The answer's slug. */
        slug: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      204: components['responses']['Preflight']
    }
  }
  listCancerTypes: {
    parameters: {
      query?: never
      header?: {
        /** @description The ETag of the response you hold: a 304 without a body when it is still current. */
        'If-None-Match'?: components['parameters']['IfNoneMatch']
      }
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description OK. Cache tags: public, cancer-types. */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          'Cache-Control': components['headers']['CacheControl']
          'CDN-Cache-Control': components['headers']['CdnCacheControl']
          'Surrogate-Control': components['headers']['SurrogateControl']
          'Surrogate-Key': components['headers']['SurrogateKey']
          'Cache-Tag': components['headers']['CacheTag']
          Vary: components['headers']['Vary']
          'Access-Control-Allow-Origin': components['headers']['AccessControlAllowOrigin']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['CancerTypeList']
        }
      }
      304: components['responses']['NotModified']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      429: components['responses']['TooManyRequests']
      500: components['responses']['ServerError']
    }
  }
  preflightCancerTypes: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      204: components['responses']['Preflight']
    }
  }
  getOpenApiDocument: {
    parameters: {
      query?: never
      header?: {
        /** @description The ETag of the response you hold: a 304 without a body when it is still current. */
        'If-None-Match'?: components['parameters']['IfNoneMatch']
      }
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description OK. Cache tags: public. */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          'Cache-Control': components['headers']['CacheControl']
          'CDN-Cache-Control': components['headers']['CdnCacheControl']
          'Surrogate-Control': components['headers']['SurrogateControl']
          'Surrogate-Key': components['headers']['SurrogateKey']
          'Cache-Tag': components['headers']['CacheTag']
          Vary: components['headers']['Vary']
          'Access-Control-Allow-Origin': components['headers']['AccessControlAllowOrigin']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['OpenApiDocument']
        }
      }
      304: components['responses']['NotModified']
      401: components['responses']['Unauthorized']
      403: components['responses']['Forbidden']
      429: components['responses']['TooManyRequests']
      500: components['responses']['ServerError']
    }
  }
  preflightOpenApiDocument: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      204: components['responses']['Preflight']
    }
  }
  webhook_answer_published: {
    parameters: {
      query?: never
      header: {
        'webhook-id': string
        'webhook-timestamp': string
        'webhook-signature': string
      }
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookEvent']
      }
    }
    responses: {
      /** @description Received. The same webhook-id is never sent again after a 2xx, except by an admin replay. */
      '2XX': {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
    }
  }
  webhook_answer_revised: {
    parameters: {
      query?: never
      header: {
        'webhook-id': string
        'webhook-timestamp': string
        'webhook-signature': string
      }
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookEvent']
      }
    }
    responses: {
      /** @description Received. The same webhook-id is never sent again after a 2xx, except by an admin replay. */
      '2XX': {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
    }
  }
  webhook_answer_withdrawn: {
    parameters: {
      query?: never
      header: {
        'webhook-id': string
        'webhook-timestamp': string
        'webhook-signature': string
      }
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookEvent']
      }
    }
    responses: {
      /** @description Received. The same webhook-id is never sent again after a 2xx, except by an admin replay. */
      '2XX': {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
    }
  }
  webhook_answer_evidence_changed: {
    parameters: {
      query?: never
      header: {
        'webhook-id': string
        'webhook-timestamp': string
        'webhook-signature': string
      }
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookEvent']
      }
    }
    responses: {
      /** @description Received. The same webhook-id is never sent again after a 2xx, except by an admin replay. */
      '2XX': {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
    }
  }
  webhook_answer_review_overdue: {
    parameters: {
      query?: never
      header: {
        'webhook-id': string
        'webhook-timestamp': string
        'webhook-signature': string
      }
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookEvent']
      }
    }
    responses: {
      /** @description Received. The same webhook-id is never sent again after a 2xx, except by an admin replay. */
      '2XX': {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
    }
  }
}

/**
 * Imported first by CLI entry points: loads .env files the way Next.js and Payload do, before any
 * module that reads the environment (the config) is evaluated.
 */
import nextEnv from '@next/env'

nextEnv.loadEnvConfig(process.cwd())

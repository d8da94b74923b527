import os from 'node:os'
import path from 'node:path'
import { defineConfig } from 'vitest/config'

const root = path.dirname(new URL(import.meta.url).pathname)

const alias = {
  '@payload-config': path.join(root, 'payload.config.ts'),
  '@': path.join(root, 'src'),
  // The same folders as tsconfig.json's `paths`, so no import climbs more than one folder.
  '@collections': path.join(root, 'collections'),
  '@hooks': path.join(root, 'hooks'),
  '@seed': path.join(root, 'seed'),
  '@tests': path.join(root, 'tests'),
  '@migrations': path.join(root, 'migrations'),
  '@scripts': path.join(root, 'scripts'),
  '@bench': path.join(root, 'bench'),
}

const shared = {
  environment: 'node' as const,
  // Each test file runs in its own process with its own throwaway database (tests/helpers/setupEnv.ts).
  pool: 'forks' as const,
  // A file per core: vitest's default leaves one core to its own process, which does little here
  // (on two cores that ran the files one at a time).
  maxWorkers: os.availableParallelism(),
  testTimeout: 60_000,
  hookTimeout: 120_000,
}

const mongoUrl = process.env.MONGODB_URL
if (!mongoUrl) {
  console.log('[tests] MongoDB integration suite skipped: MONGODB_URL is not set (no MongoDB server can be installed on this machine).')
}

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { ...shared, name: 'unit', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        resolve: { alias },
        test: {
          ...shared,
          name: 'sqlite',
          include: ['tests/int/**/*.test.ts'],
          setupFiles: ['tests/helpers/setupEnv.ts'],
          env: { TEST_DATABASE: 'sqlite' },
        },
      },
      {
        resolve: { alias },
        // One file, and one production server, at a time: the first file's `npm start` builds. `npm test`
        // runs this project beside the others (scripts/test.mjs).
        test: {
          ...shared,
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/helpers/browserSetup.ts'],
          testTimeout: 20 * 60_000,
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
      ...(mongoUrl
        ? [
            {
              resolve: { alias },
              test: {
                ...shared,
                name: 'mongodb',
                include: ['tests/int/**/*.test.ts'],
                setupFiles: ['tests/helpers/setupEnv.ts'],
                env: { TEST_DATABASE: 'mongodb' },
              },
            },
          ]
        : []),
    ],
  },
})

import type { Role } from '@/access/roles'

export type SeedUser = {
  email: string
  name: string
  roles: Role[]
  credentials?: string
  specialties?: string[] // cancer type slugs
  maxOpenReviews?: number
}

/** Demo logins for trying the product. Created only on the embedded database or with SEED_DEMO=true. */
export const DEMO_PASSWORD = 'demo-password'

export const users: SeedUser[] = [
  { email: 'admin@example.org', name: 'Alex Morgan', roles: ['admin'] },
  { email: 'editor@example.org', name: 'Sam Lee', roles: ['editor'] },
  { email: 'editor2@example.org', name: 'Jordan Park', roles: ['editor'] },
  {
    email: 'okafor@example.org',
    name: 'Dr Maya Okafor',
    roles: ['reviewer'],
    credentials: 'MD, Medical Oncology',
    specialties: ['pancreatic', 'colorectal'],
    maxOpenReviews: 6,
  },
  {
    email: 'reyes@example.org',
    name: 'Dr Daniel Reyes',
    roles: ['reviewer'],
    credentials: 'MD, FACS',
    specialties: ['breast', 'ovarian', 'melanoma'],
    maxOpenReviews: 4,
  },
  {
    email: 'natarajan@example.org',
    name: 'Dr Priya Natarajan',
    roles: ['reviewer'],
    credentials: 'MD, PhD',
    specialties: ['lung', 'prostate', 'bladder', 'kidney'],
    maxOpenReviews: 5,
  },
]

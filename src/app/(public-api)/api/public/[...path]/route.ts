import { publicRoutes } from '@/lib/public/routes'

export const { GET, OPTIONS } = publicRoutes.unknownPath

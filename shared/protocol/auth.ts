import { z } from 'zod';

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, 'Enter your email address.').email('Enter a valid email address.').max(254),
  password: z.string().min(8, 'Use at least 8 characters.').max(256),
});
export type Credentials = z.infer<typeof credentialsSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  /** The personal workspace every user has; connections belong to workspaces. */
  workspaceId: z.string(),
});
export type User = z.infer<typeof userSchema>;

/** Answer to sign-up and sign-in. The token goes in `Authorization: Bearer <token>`. */
export const authResponseSchema = z.object({ token: z.string(), user: userSchema });
export type AuthResponse = z.infer<typeof authResponseSchema>;

export const meResponseSchema = z.object({ user: userSchema });
export type MeResponse = z.infer<typeof meResponseSchema>;

/** `POST /api/auth/signout`: the session is over, on this browser and on the server. */
export const signOutResponseSchema = z.object({ signedOut: z.literal(true) });

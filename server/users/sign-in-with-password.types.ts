import { z } from "zod";

export const signInWithPasswordRequestSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(200),
});

export type SignInWithPasswordRequest = z.infer<typeof signInWithPasswordRequestSchema>;

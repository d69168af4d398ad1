import { z } from "zod";
import { textInput } from "../text-input";

export const MIN_PASSWORD_LENGTH = 10;

export const createAccountRequestSchema = z.object({
  name: textInput({ message: "Enter your name." }).min(1, "Enter your name.").max(60, "Use at most 60 characters."),
  email: z
    .string({ message: "Enter your email address." })
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter a valid email address, such as renee@example.com.")),
  password: z
    .string({ message: "Choose a password." })
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(200, "Use at most 200 characters.")
    .refine((p) => new Set(p).size >= 4, "Use a less repetitive password."),
});

export type CreateAccountRequest = z.infer<typeof createAccountRequestSchema>;

export const createAccountResponseSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
});

export type CreateAccountResponse = z.infer<typeof createAccountResponseSchema>;

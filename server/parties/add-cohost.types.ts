import { z } from "zod";

export const addCohostRequestSchema = z.object({ userId: z.string().min(1).max(40) });
export type AddCohostRequest = z.infer<typeof addCohostRequestSchema>;

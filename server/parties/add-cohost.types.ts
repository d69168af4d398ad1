import { z } from "zod";
import { rowIdSchema } from "./party-id";

export const addCohostRequestSchema = z.object({ userId: rowIdSchema("member") });
export type AddCohostRequest = z.infer<typeof addCohostRequestSchema>;

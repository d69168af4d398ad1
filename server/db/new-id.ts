import { randomUUID } from "node:crypto";

/** A row id for the raw inserts, which bypass Prisma's cuid() default: 32 hex digits. */
export const newId = (): string => randomUUID().replaceAll("-", "");

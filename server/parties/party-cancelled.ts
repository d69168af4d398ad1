import { AppError } from "../errors";

/** Every room event for a cancelled party is answered with this, whichever connection sends it. */
export const partyCancelled = () => new AppError("CONFLICT", "This party was cancelled.");
